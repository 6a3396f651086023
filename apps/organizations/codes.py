"""
Check-in codes. An activity's code is an HMAC of the activity and the current minute, shown by
the organizer and changing every minute, so a photo of it sent to a friend soon stops working;
the code of the minute before is still accepted, for the person who scanned just as it turned.
A campaign's station code is fixed: it is printed and posted at the sorting station.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

WINDOW_SECONDS = 60
CODE_LENGTH = 10


def _digest(secret: str, message: str) -> str:
    key = f"{settings.SECRET_KEY}:{secret}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:CODE_LENGTH]


def window_at(moment=None) -> int:
    return int((moment or timezone.now()).timestamp()) // WINDOW_SECONDS


def activity_code(activity, *, window: int | None = None) -> str:
    window = window_at() if window is None else window
    return _digest(activity.code_secret, f"activity:{activity.pk}:{window}")


def activity_code_valid(activity, code: str) -> bool:
    now = window_at()
    return any(hmac.compare_digest(activity_code(activity, window=w), code or "") for w in (now, now - 1))


def seconds_left() -> int:
    return WINDOW_SECONDS - int(timezone.now().timestamp()) % WINDOW_SECONDS


def station_code(campaign) -> str:
    return _digest(campaign.code_secret, f"campaign:{campaign.pk}")


def station_code_valid(campaign, code: str) -> bool:
    return hmac.compare_digest(station_code(campaign), code or "")
