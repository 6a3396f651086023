"""The admin site: open to anyone holding a staff role somewhere, every list scoped to it."""

from functools import cache, wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .visibility import permits


class ScopedAdminSite(admin.AdminSite):
    site_header = _("Gongzhi administration")
    site_title = _("Gongzhi")
    index_title = _("Community work")

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        return permits(user, "access.use_admin")

    def get_app_list(self, request, app_label=None):
        """The admin's list of apps and models (its sidebar, on every page), as the admin builds it, with
        the names and URLs, the same for everyone, worked out once per language: the admin translates and
        reverses them again on every page (90 URLs). Each model admin is still asked each time."""
        found: dict[str, dict] = {}
        language, prefix = get_language(), get_script_prefix()
        for model, model_admin in self._registry.items():
            if app_label and model._meta.app_label != app_label:
                continue
            if not model_admin.has_module_permission(request):
                continue
            perms = model_admin.get_model_perms(request)
            if True not in perms.values():
                continue
            named = _named(self.name, model, language, prefix)
            entry = {**named["model"], "model": model, "perms": perms, "admin_url": None, "add_url": None}
            if perms.get("change") or perms.get("view"):
                entry["view_only"] = not perms.get("change")
                entry["admin_url"] = named["admin_url"]
            if perms.get("add"):
                entry["add_url"] = named["add_url"]
            app = found.setdefault(model._meta.app_label, {**named["app"], "models": []})
            app["models"].append(entry)
        app_list = sorted(found.values(), key=lambda app: app["name"].lower())
        for app in app_list:
            app["models"].sort(key=lambda entry: entry["name"])
        return app_list

    def login(self, request, extra_context=None):
        """Everyone signs in through the same page (mobile number or e-mail)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated and not self.has_permission(request):
            return redirect("accounts:home")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def admin_view(self, view, cacheable=False):
        """Every admin page asks for a second factor first: staff reach residents' data."""
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if self._needs_second_factor(request):
                messages.info(
                    request,
                    _("The work area needs two-step sign-in: set up an authenticator app to continue."),
                )
                setup = reverse("mfa_activate_totp")
                return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
            return protected(request, *args, **kwargs)

        return inner

    def _needs_second_factor(self, request) -> bool:
        return (
            settings.ADMIN_MFA_REQUIRED
            and self.has_permission(request)
            and not _signed_in_with_second_factor(request)
            and not is_mfa_enabled(request.user, types=["totp"])
        )


def _signed_in_with_second_factor(request) -> bool:
    """Whether this session's sign-in took an authenticator's code, as allauth records it: then the
    person has one, and no page of the session needs to ask the database again."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


@cache
def _named(site: str, model, language: str, prefix: str) -> dict:
    """A model's and its app's names and URLs in the admin's list, in one language (`language` and
    `prefix` are the key: both are read from the request's thread)."""
    info = (model._meta.app_label, model._meta.model_name)
    app_label = model._meta.app_label
    return {
        "model": {
            "name": str(capfirst(model._meta.verbose_name_plural)),
            "object_name": model._meta.object_name,
        },
        "admin_url": _reversed(f"admin:{info[0]}_{info[1]}_changelist", site),
        "add_url": _reversed(f"admin:{info[0]}_{info[1]}_add", site),
        "app": {
            "name": str(apps.get_app_config(app_label).verbose_name),
            "app_label": app_label,
            "app_url": reverse("admin:app_list", kwargs={"app_label": app_label}, current_app=site),
            "has_module_perms": True,
        },
    }


def _reversed(name: str, site: str) -> str | None:
    try:
        return reverse(name, current_app=site)
    except NoReverseMatch:
        return None
