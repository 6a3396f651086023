"""QR images shown on screen: the rotating check-in code and a campaign's station code."""

from django.urls import reverse

from apps.core.qr import absolute, svg

from .codes import activity_code, station_code

__all__ = ["absolute", "check_in_url", "station_url", "svg"]


def check_in_url(activity) -> str:
    return absolute(f"{reverse('organizations:check_in', args=[activity.pk])}?c={activity_code(activity)}")


def station_url(campaign) -> str:
    return absolute(f"{reverse('organizations:campaign', args=[campaign.pk])}?c={station_code(campaign)}")
