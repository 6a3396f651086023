"""Login throttling (django-axes): which account a sign-in attempt is for, whatever form it came by."""

from axes.backends import AxesStandaloneBackend


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
