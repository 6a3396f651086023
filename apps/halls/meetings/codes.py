"""The sign-in code shown at a meeting's venue: it changes every minute (apps/core/codes.py)."""

from django.urls import reverse

from apps.core.codes import rotating_code, rotating_code_valid
from apps.core.qr import absolute


def meeting_code(meeting, *, window: int | None = None) -> str:
    return rotating_code(meeting.code_secret, f"meeting:{meeting.pk}", window=window)


def meeting_code_valid(meeting, code: str) -> bool:
    return rotating_code_valid(meeting.code_secret, f"meeting:{meeting.pk}", code)


def sign_in_url(meeting) -> str:
    return absolute(f"{reverse('halls:meeting_sign_in', args=[meeting.pk])}?c={meeting_code(meeting)}")
