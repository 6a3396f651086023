"""
Who may read an uploaded file: whoever the table lets see the object the file belongs to.

Each model holding files names them in `access_files`: field → (permission, lookup from the model
to the object the permission is asked of, "" for the model itself). A JSON list of stored names
(a task update's photos) names its folder as a third element. A page that has already decided a
person may see a file — the follow page of a report, opened by its private link — may hand out a
short-lived grant for it (`granted_url`): the signed name, as object storage signs its URLs.
"""

import posixpath
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import models

from .visibility import permits

GRANT_SALT = "access.files"


@dataclass(frozen=True)
class FileHolder:
    model: type
    fields: tuple[str, ...]
    folder: str
    permission: str
    via: str
    listed: bool = False  # a JSON list of {"image": name, "thumbnail": name}

    def objects_holding(self, name: str):
        if self.listed:
            candidates = self.model._default_manager.filter(**{f"{self.fields[0]}__icontains": name})
            return [obj for obj in candidates if name in _listed_names(getattr(obj, self.fields[0]))]
        condition = models.Q()
        for field in self.fields:
            condition |= models.Q(**{field: name})
        return list(self.model._default_manager.filter(condition)[:2])


def _listed_names(entries) -> set[str]:
    return {value for entry in entries or () for value in entry.values()}


def _folder_of(field) -> str:
    upload_to = field.upload_to
    folder = getattr(upload_to, "folder", None)
    if folder is None:
        folder = upload_to.split("%", 1)[0] if isinstance(upload_to, str) else ""
    folder = folder.strip("/")
    if not folder:
        raise ImproperlyConfigured(f"{field.model.__name__}.{field.name} stores files outside any folder.")
    return folder + "/"


@cache
def file_holders() -> tuple[FileHolder, ...]:
    """Every model field that stores files, with the permission that reads them."""
    holders = []
    for model in apps.get_models():
        declared = getattr(model, "access_files", {})
        by_rule: dict[tuple, list[str]] = {}
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                if field.name not in declared:
                    raise ImproperlyConfigured(f"{model.__name__}.{field.name} is not named in access_files.")
                permission, via = declared[field.name][:2]
                by_rule.setdefault((_folder_of(field), permission, via), []).append(field.name)
        for (folder, permission, via), fields in by_rule.items():
            holders.append(FileHolder(model, tuple(fields), folder, permission, via))
        for field_name, rule in declared.items():
            if len(rule) == 3:
                permission, via, folder = rule
                holders.append(FileHolder(model, (field_name,), folder, permission, via, listed=True))
    return tuple(holders)


def may_read_file(user, name: str, *, grant: str = "") -> bool:
    if not _well_formed(name):
        return False
    if grant and _granted(name, grant):
        return True
    for holder in file_holders():
        if name.startswith(holder.folder):
            for obj in holder.objects_holding(name):
                if permits(user, holder.permission, _follow(obj, holder.via)):
                    return True
    return False


def granted_url(name: str) -> str:
    """The file's URL carrying a grant valid for FILE_GRANT_SECONDS, for a page that showed it."""
    grant = signing.TimestampSigner(salt=GRANT_SALT).sign(name)[len(name) + 1 :]
    return f"{default_storage.url(name)}?{urlencode({'grant': grant})}"


def _granted(name: str, grant: str) -> bool:
    try:
        signing.TimestampSigner(salt=GRANT_SALT).unsign(
            f"{name}:{grant}", max_age=settings.FILE_GRANT_SECONDS
        )
    except signing.BadSignature:
        return False
    return True


def _well_formed(name: str) -> bool:
    return bool(name) and not name.startswith("/") and posixpath.normpath(name) == name


def _follow(obj, via: str):
    for part in filter(None, via.split("__")):
        obj = getattr(obj, part)
    return obj
