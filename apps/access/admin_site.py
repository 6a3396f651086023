"""The admin site: open to anyone holding a staff role somewhere, every list scoped to it."""

from functools import wraps
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
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
            and not is_mfa_enabled(request.user, types=["totp"])
        )
