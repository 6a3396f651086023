"""Uploaded files served from disk with content types the browser cannot be talked out of.

Photos are re-encoded on upload (reports/photos.py) or checked as images (Django's ImageField);
still, a file is served as an image only when its name says it is one of the image types we
accept, with `nosniff`, and anything else is a download — never a page in our origin.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.validators import FileExtensionValidator
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_GET

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

# the photos a form accepts: images a browser shows inline (HEIC is re-encoded by reports/photos.py)
photo_extensions = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


@require_GET
def media(request, path: str):
    try:
        full_path = safe_join(settings.MEDIA_ROOT, posixpath.normpath(path).lstrip("/"))
        handle = open(full_path, "rb")  # noqa: SIM115  (FileResponse closes it)
    except (
        SuspiciousFileOperation,
        ValueError,
        OSError,
    ) as missing:  # outside MEDIA_ROOT, a folder, or absent
        raise Http404 from missing
    name = posixpath.basename(path)
    content_type = INLINE_TYPES.get(posixpath.splitext(name)[1].lower())
    if content_type:
        response = FileResponse(handle, content_type=content_type)
    else:
        guessed = mimetypes.guess_type(name)[0]
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=name,
            content_type=guessed if guessed == "application/pdf" else "application/octet-stream",
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
