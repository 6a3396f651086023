"""Login throttling (django-axes): which account a sign-in attempt is for, whatever form it came by."""

from allauth.core import ratelimit
from allauth.core.exceptions import RateLimited
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_OUT = 429


def login_identifier(request, credentials: dict | None) -> str:
    """allauth signs in by mobile number or e-mail, the API and the admin by username."""
    credentials = credentials or {}
    for key in ("phone", "email", "username", "login"):
        if value := credentials.get(key):
            return str(value).strip().lower()
    return ""


class LoginThrottleBackend(AxesStandaloneBackend):
    """Counts and refuses sign-ins that come through a request; code that authenticates without one
    (a management command, the test client's login) is no one guessing passwords over the network."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The API answers a locked account in its one error shape; a page shows the lock page."""
    message = _("This account cannot be signed into from here for 15 minutes, after several wrong passwords.")
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "locked_out", "message": message, "fields": {}}, status=LOCKED_OUT)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=LOCKED_OUT)


def allauth_limits_answered(get_response):
    """allauth raises RateLimited where a flow runs out of its limit (a fourth sign-in within a
    minute that would text a code to an unverified number): answer 429 in the person's language."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if isinstance(exception, RateLimited):
            return ratelimit.respond_429(request)
        return None

    middleware.process_exception = process_exception
    return middleware
