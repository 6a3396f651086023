"""The admin site: open to anyone holding a staff role somewhere, every list scoped to it."""

from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import ADMIN_ROLES
from .scopes import scopes_of


class ScopedAdminSite(admin.AdminSite):
    site_header = _("Gongzhi administration")
    site_title = _("Gongzhi")
    index_title = _("Community work")

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or bool(ADMIN_ROLES & scopes_of(user).roles())

    def login(self, request, extra_context=None):
        """Everyone signs in through the same page (mobile number or e-mail)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated and not self.has_permission(request):
            return redirect("accounts:home")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
