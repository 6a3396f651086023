"""
Check-in codes of organizations (the rotating and fixed codes themselves are apps/core/codes.py).
An activity's code changes every minute on the organizer's screen; a campaign's station code is
fixed: it is printed and posted at the sorting station.
"""

from apps.core.codes import fixed_code, fixed_code_valid, rotating_code, rotating_code_valid, seconds_left

__all__ = ["activity_code", "activity_code_valid", "seconds_left", "station_code", "station_code_valid"]


def activity_code(activity, *, window: int | None = None) -> str:
    return rotating_code(activity.code_secret, f"activity:{activity.pk}", window=window)


def activity_code_valid(activity, code: str) -> bool:
    return rotating_code_valid(activity.code_secret, f"activity:{activity.pk}", code)


def station_code(campaign) -> str:
    return fixed_code(campaign.code_secret, f"campaign:{campaign.pk}")


def station_code_valid(campaign, code: str) -> bool:
    return fixed_code_valid(campaign.code_secret, f"campaign:{campaign.pk}", code)
