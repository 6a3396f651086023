from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    default = True
    name = "apps.access"
    label = "access"
    verbose_name = _("Roles and permissions")


class ScopedAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, opened to whoever holds a staff role somewhere (not is_staff)."""

    default = False
    default_site = "apps.access.admin_site.ScopedAdminSite"
