"""The answer that carries an uploaded file, with content types the browser cannot be talked out of.

Who may read a file is decided before this is called (apps.access.files). Photos are re-encoded on
upload (core/photos.py) or checked as images (Django's ImageField); still, a file is sent as an
image only when its name says it is one of the image types we accept, with `nosniff`, and anything
else is a download — never a page in our origin. Behind nginx (`MEDIA_ACCEL_REDIRECT`) the web
server sends the bytes from an internal location; the portal only says which.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import FileExtensionValidator
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

# the photos a form accepts: images a browser shows inline (HEIC is re-encoded by core/photos.py)
photo_extensions = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


def file_response(name: str, *, download_as: str | None = None) -> HttpResponse:
    """The stored file `name`, inline if it is an image, else as a download called `download_as`."""
    filename = download_as or posixpath.basename(name)
    content_type = INLINE_TYPES.get(posixpath.splitext(name)[1].lower())
    disposition = {} if content_type and not download_as else {"as_attachment": True, "filename": filename}
    if not content_type or download_as:
        guessed = mimetypes.guess_type(name)[0]
        content_type = guessed if guessed == "application/pdf" else "application/octet-stream"
    if prefix := settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{name}"
        if disposition:
            response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = default_storage.open(name, "rb")
        except (OSError, ValueError) as missing:
            raise Http404 from missing
        response = FileResponse(handle, content_type=content_type, **disposition)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
