"""
Large type for older residents (适老化): a button in every page's header switches it on and off.

The choice lives in a cookie, so it works signed out (the scan page) and without JavaScript; the
base template marks <html class="large-text"> and the stylesheet scales type and touch targets.
"""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "text_size"
LARGE = "large"
KEPT_FOR = timedelta(days=365)


def is_large(request) -> bool:
    return request.COOKIES.get(COOKIE) == LARGE


def context(request) -> dict:
    """Context processor: `large_text` for the base template."""
    return {"large_text": is_large(request)}


@require_POST
def switch(request):
    """Set large type (size=large) or go back to the standard size (anything else), then return
    to the page the button was on."""
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = redirect(back if safe else reverse("landing"))
    if request.POST.get("size") == LARGE:
        response.set_cookie(
            COOKIE,
            LARGE,
            max_age=int(KEPT_FOR.total_seconds()),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
