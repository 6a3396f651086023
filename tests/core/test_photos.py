"""Photos are re-encoded upright, bounded and bare of metadata; anything else is refused with a reason."""

import importlib.util
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, ImageFile

from apps.core.photos import (
    MAX_PHOTOS,
    MAX_UPLOAD_BYTES,
    PhotoRejected,
    check_photo_count,
    process_photo,
)

HEIF_INSTALLED = importlib.util.find_spec("pillow_heif") is not None
RED, BLUE = (220, 20, 20), (20, 20, 220)


def upload(image: Image.Image, fmt: str = "JPEG", name: str = "photo.jpg", **params) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return SimpleUploadedFile(name, buffer.getvalue())


def reopened(content) -> Image.Image:
    content.seek(0)
    return Image.open(content)


def refusal_code(file) -> str:
    with pytest.raises(PhotoRejected) as refusal:
        process_photo(file)
    return refusal.value.code


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (116.0, 23.0, 50.0),
    }
    return exif


def halves(size=(200, 100)) -> Image.Image:
    """Red on the left half, blue on the right."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def is_red(pixel) -> bool:
    return pixel[0] > 150 and pixel[2] < 100


def png_bomb(side: int) -> bytes:
    """A black 1-bit PNG of side × side pixels: megapixels in the header, kilobytes on disk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = bytes(1 + side // 8) * 1000
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(rows) for _ in range(side // 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("JPEG", "photo.jpg"),
        ("PNG", "photo.png"),
        ("WEBP", "photo.webp"),
        pytest.param(
            "HEIF", "IMG_0001.HEIC", marks=pytest.mark.skipif(not HEIF_INSTALLED, reason="needs pillow-heif")
        ),
    ],
)
def test_it_turns_each_accepted_format_into_a_jpeg(fmt, name):
    photo = process_photo(upload(halves(), fmt, name))
    assert reopened(photo.image).format == "JPEG"
    assert reopened(photo.thumbnail).format == "JPEG"
    assert photo.image.name.endswith(".jpg")
    assert photo.content_type == "image/jpeg"
    assert (photo.width, photo.height) == reopened(photo.image).size == (200, 100)


def test_it_strips_gps_and_all_exif():
    original = upload(halves(), exif=phone_exif())
    assert Image.open(original).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photo = process_photo(original)
    for output in (reopened(photo.image), reopened(photo.thumbnail)):
        assert not output.getexif()
        assert "exif" not in output.info


def test_it_strips_xmp_and_the_colour_profile():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = upload(halves(), xmp=b"<x:xmpmeta>secret</x:xmpmeta>", icc_profile=icc)
    assert {"xmp", "icc_profile"} <= Image.open(original).info.keys()
    photo = process_photo(original)
    for output in (reopened(photo.image), reopened(photo.thumbnail)):
        assert not {"xmp", "icc_profile"} & output.info.keys()


def test_it_turns_the_photo_upright_by_its_exif_orientation():
    photo = process_photo(upload(halves((200, 100)), exif=phone_exif(orientation=6)))
    output = reopened(photo.image)
    assert output.size == (100, 200)
    assert is_red(output.getpixel((50, 10)))
    assert not is_red(output.getpixel((50, 190)))


def test_it_bounds_the_stored_image_to_2000_on_its_longest_side():
    photo = process_photo(upload(halves((3000, 1500))))
    assert (photo.width, photo.height) == reopened(photo.image).size == (2000, 1000)


def test_it_makes_a_thumbnail_of_320_on_its_longest_side():
    photo = process_photo(upload(halves((1500, 3000))))
    assert reopened(photo.thumbnail).size == (160, 320)


def test_it_flattens_transparency_on_white():
    see_through = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    photo = process_photo(upload(see_through, "PNG", "photo.png"))
    output = reopened(photo.image)
    assert output.mode == "RGB"
    assert min(output.getpixel((32, 32))) > 245


@pytest.mark.parametrize(("fmt", "params"), [("PNG", {}), ("WEBP", {"lossless": True}), ("MPO", {})])
def test_it_keeps_only_the_first_frame_of_an_animated_image(fmt, params):
    frames = [Image.new("RGB", (64, 64), colour) for colour in (RED, BLUE)]
    animation = upload(frames[0], fmt, "moving.img", save_all=True, append_images=frames[1:], **params)
    assert Image.open(animation).n_frames == 2
    photo = process_photo(animation)
    assert is_red(reopened(photo.image).getpixel((32, 32)))


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Meet at the gate at 9, bring the keys.\n", id="text"),
        pytest.param(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", id="pdf"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", id="gif"),
    ],
)
def test_it_refuses_what_is_not_an_accepted_image_whatever_its_name(content):
    assert refusal_code(SimpleUploadedFile("photo.jpg", content)) == "not_an_image"


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png")])
def test_it_refuses_a_truncated_image(fmt, name):
    complete = upload(Image.effect_noise((400, 300), 64).convert("RGB"), fmt, name).read()
    assert refusal_code(SimpleUploadedFile(name, complete[: len(complete) // 2])) == "corrupt"


@pytest.mark.parametrize(
    "side",
    [
        pytest.param(8_000, id="over-our-bound"),
        pytest.param(10_000, id="pillow-warns"),
        pytest.param(20_000, id="pillow-errs"),
    ],
)
def test_it_refuses_a_decompression_bomb_before_decoding_it(side, monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    bomb = SimpleUploadedFile("bomb.png", png_bomb(side))
    assert bomb.size < 200_000
    assert refusal_code(bomb) == "too_many_pixels"
    assert decoded == []


def test_it_refuses_a_file_over_15_mb():
    photo = upload(halves()).read()
    padded = photo + bytes(MAX_UPLOAD_BYTES + 1 - len(photo))
    assert refusal_code(SimpleUploadedFile("photo.jpg", padded)) == "too_large"


def test_a_refusal_names_the_file():
    with pytest.raises(PhotoRejected) as refusal:
        process_photo(SimpleUploadedFile("楼道堆物.jpg", b"not a photo"))
    assert "“楼道堆物.jpg”" in refusal.value.messages[0]


def test_it_accepts_four_photos():
    check_photo_count([upload(halves())] * MAX_PHOTOS)


def test_it_refuses_a_fifth_photo():
    with pytest.raises(PhotoRejected) as refusal:
        check_photo_count([upload(halves())] * (MAX_PHOTOS + 1))
    assert refusal.value.code == "too_many_photos"
