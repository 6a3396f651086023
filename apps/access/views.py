"""Uploaded files, each read under the permission of the object it belongs to (apps.access.files)."""

from django.http import Http404
from django.views.decorators.http import require_GET

from apps.core.media import file_response

from .files import may_read_file


@require_GET
def uploaded_file(request, path: str):
    """Missing and forbidden files answer alike: 404."""
    if not may_read_file(request.user, path, grant=request.GET.get("grant", "")):
        raise Http404
    return file_response(path)
