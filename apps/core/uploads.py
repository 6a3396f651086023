"""Names for uploaded files that say nothing and cannot be guessed: the folder, the month and a
random token, keeping only the extension the form accepted."""

import posixpath
import secrets

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UnguessableName:
    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = posixpath.splitext(filename)[1].lower()
        return f"{self.folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, UnguessableName) and other.folder == self.folder
