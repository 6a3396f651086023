"""Residents' photos, checked and re-encoded so that nothing of the uploaded file reaches storage.

The decoded pixels are drawn upright onto a fresh canvas and saved as a new JPEG: EXIF (with GPS),
XMP, ICC and comments of the original are left behind, and so is any payload hidden in the file.
A page that cannot wait for the re-encoding (a resident's report) accepts the photo on arrival
(`accept_photo`: size, format, pixels and structure checked, so a refusal still reaches the form) and
has it re-encoded later from its bytes (`processed_from_bytes`).
"""

import io
import uuid
import warnings
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

try:
    from pillow_heif import register_heif_opener
except ImportError:
    HEIF_FORMATS: tuple[str, ...] = ()
else:
    register_heif_opener()
    HEIF_FORMATS = ("HEIF",)

MAX_PHOTOS = 4
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 2000  # a phone's 4000×3000 JPEG then decodes at half scale (see _decoded)
THUMBNAIL_SIDE = 320
JPEG_QUALITY = 82
FORMATS = ("JPEG", "PNG", "WEBP", *HEIF_FORMATS)  # JPEG includes MPO, the multi-picture JPEG of many phones

_SRGB = ImageCms.createProfile("sRGB")


class PhotoRejected(ValidationError):
    """A photo we refuse; the message names the file and says why, in the user's language."""


@dataclass(frozen=True)
class ProcessedPhoto:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    content_type: str = "image/jpeg"


def check_photo_count(files: Collection) -> None:
    if len(files) > MAX_PHOTOS:
        raise PhotoRejected(
            _("You can attach at most %(limit)d photos."),
            code="too_many_photos",
            params={"limit": MAX_PHOTOS},
        )


@dataclass(frozen=True)
class AcceptedPhoto:
    """A photo checked on arrival, the file as sent: never stored where anyone is served it."""

    file: File
    name: str


def accept_photo(upload) -> AcceptedPhoto:
    """Checked as far as its headers tell (size, format, pixels, structure) without decoding it: a
    file cut short passes here and is left out when it is re-encoded. The upload is kept as it is
    (a large one stays in the temporary file it arrived in)."""
    name = Path(upload.name or "").name
    if upload.size > MAX_UPLOAD_BYTES:
        raise _too_large(name)
    upload.seek(0)
    _checked(upload, name)
    upload.seek(0)
    return AcceptedPhoto(file=upload, name=name)


def process_photo(upload) -> ProcessedPhoto:
    name = Path(upload.name or "").name
    return processed_from_bytes(_read(upload, name), name)


def processed_from_bytes(data: bytes, name: str) -> ProcessedPhoto:
    image = _flattened(_bounded(_decoded(data, name), MAX_SIDE))
    thumbnail = _bounded(image.copy(), THUMBNAIL_SIDE)
    stem = uuid.uuid4().hex
    return ProcessedPhoto(
        image=_jpeg(image, f"{stem}.jpg"),
        thumbnail=_jpeg(thumbnail, f"{stem}-thumb.jpg"),
        width=image.width,
        height=image.height,
    )


def _read(upload, name: str) -> bytes:
    if upload.size <= MAX_UPLOAD_BYTES:
        upload.seek(0)
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) <= MAX_UPLOAD_BYTES:
            return data
    raise _too_large(name)


def _too_large(name: str) -> PhotoRejected:
    return PhotoRejected(
        _("The photo “%(name)s” is too large: the limit is %(limit)d MB."),
        code="too_large",
        params={"name": name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


def _checked(source: bytes | IO[bytes], name: str) -> None:
    """Pillow's own bomb warning counts as a refusal here, without touching its global limit."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with _refusing_unreadable(name):
            header = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source, formats=FORMATS)
        if header.width * header.height > MAX_PIXELS:
            raise _too_many_pixels(name)
        with _refusing_unreadable(name):
            header.verify()


def _decoded(data: bytes, name: str) -> Image.Image:
    _checked(data, name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with _refusing_unreadable(name):
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            image.draft(None, _bounded_size(image.size, MAX_SIDE))  # JPEG: decode no larger than kept
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            return _in_srgb(image)


def _bounded_size(size: tuple[int, int], side: int) -> tuple[int, int]:
    scale = min(1.0, side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


@contextmanager
def _refusing_unreadable(name: str) -> Iterator[None]:
    try:
        yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(name) from error
    except UnidentifiedImageError as error:
        raise PhotoRejected(
            _("The photo “%(name)s” is not an image we can read (JPEG, PNG, WebP or HEIC)."),
            code="not_an_image",
            params={"name": name},
        ) from error
    except Exception as error:
        raise PhotoRejected(
            _("The photo “%(name)s” is damaged or incomplete. Please take or choose it again."),
            code="corrupt",
            params={"name": name},
        ) from error


def _too_many_pixels(name: str) -> PhotoRejected:
    return PhotoRejected(
        _("The photo “%(name)s” has too many pixels: the limit is %(limit)d megapixels."),
        code="too_many_pixels",
        params={"name": name, "limit": MAX_PIXELS // 1_000_000},
    )


def _in_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB when the photo carries a usable profile (Display P3 on iPhones)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode="RGB")
    except (OSError, ImageCms.PyCMSError):
        return image


def _bounded(image: Image.Image, side: int) -> Image.Image:
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    return image


def _flattened(image: Image.Image) -> Image.Image:
    canvas = Image.new("RGB", image.size, "white")
    canvas.paste(image, mask=image if image.mode == "RGBA" else None)
    return canvas


def _jpeg(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)
