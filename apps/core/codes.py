"""
Codes shown on a screen or printed, made from a per-object secret and the project's SECRET_KEY.

A rotating code is an HMAC of its subject and the current minute: a photo of it sent to a friend
soon stops working; the code of the minute before is still accepted, for the person who scanned
just as it turned. A fixed code is an HMAC of its subject alone, for codes that are printed.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils import timezone

WINDOW_SECONDS = 60
CODE_LENGTH = 10


def new_secret() -> str:
    return secrets.token_hex(16)


def _digest(secret: str, message: str) -> str:
    key = f"{settings.SECRET_KEY}:{secret}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:CODE_LENGTH]


def window_at(moment=None) -> int:
    return int((moment or timezone.now()).timestamp()) // WINDOW_SECONDS


def seconds_left() -> int:
    return WINDOW_SECONDS - int(timezone.now().timestamp()) % WINDOW_SECONDS


def rotating_code(secret: str, subject: str, *, window: int | None = None) -> str:
    window = window_at() if window is None else window
    return _digest(secret, f"{subject}:{window}")


def rotating_code_valid(secret: str, subject: str, code: str) -> bool:
    now = window_at()
    return any(
        hmac.compare_digest(rotating_code(secret, subject, window=w), code or "") for w in (now, now - 1)
    )


def fixed_code(secret: str, subject: str) -> str:
    return _digest(secret, subject)


def fixed_code_valid(secret: str, subject: str, code: str) -> bool:
    return hmac.compare_digest(fixed_code(secret, subject), code or "")
