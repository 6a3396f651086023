"""QR images drawn on screen as inline SVG, and the absolute links they carry."""

import ipaddress
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def site_url() -> str:
    """The address residents reach the portal at (SITE_URL), without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute(path: str) -> str:
    return site_url() + path


def site_url_is_loopback() -> bool:
    host = urlsplit(site_url()).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_printable_site_url() -> None:
    """Printed codes outlive the machine that printed them: refuse to print this machine's own
    address outside development (PRINT_LOOPBACK_ADDRESSES)."""
    if site_url_is_loopback() and not settings.PRINT_LOOPBACK_ADDRESSES:
        raise ValidationError(
            _(
                "The codes would carry %(address)s, which only this computer can open. "
                "Set SITE_URL to the portal's public address before printing."
            ),
            params={"address": site_url()},
            code="loopback_site_url",
        )


def svg(data: str) -> SafeString:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))
