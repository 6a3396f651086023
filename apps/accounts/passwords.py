"""A forgotten password, the way residents who signed up by phone reset it: sign in with a code
texted to the number (allauth's login by code), then set a new password without the old one."""

import time

from allauth.account.authentication import get_authentication_records
from django.conf import settings


def may_set_password_without_old(request) -> bool:
    """Whether this session's latest sign-in was by a texted code, minutes ago."""
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    latest = records[-1]
    return (
        latest.get("method") == "code"
        and time.time() - latest.get("at", 0) <= settings.PASSWORD_AFTER_CODE_SECONDS
    )
