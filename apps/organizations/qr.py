"""QR images shown on screen: the rotating check-in code and a campaign's station code."""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .codes import activity_code, station_code


def absolute(path: str) -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def svg(data: str) -> SafeString:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))


def check_in_url(activity) -> str:
    return absolute(f"{reverse('organizations:check_in', args=[activity.pk])}?c={activity_code(activity)}")


def station_url(campaign) -> str:
    return absolute(f"{reverse('organizations:campaign', args=[campaign.pk])}?c={station_code(campaign)}")
