"""Django's permission API (`user.has_perm`, `has_module_perms`, `{{ perms }}`) answered by the table."""

from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend


class TablePermissionBackend(ObjectPermissionBackend):
    """django-rules asks the table (`apps/access/rules.py` registers each of its permissions). What the
    table refuses is refused outright: Django then asks no later backend, so its own permission tables,
    which the project never fills, are not read (two queries on each page that asked)."""

    def has_perm(self, user, perm, *args, **kwargs):
        if super().has_perm(user, perm, *args, **kwargs):
            return True
        raise PermissionDenied

    def has_module_perms(self, user, app_label):
        if super().has_module_perms(user, app_label):
            return True
        raise PermissionDenied
