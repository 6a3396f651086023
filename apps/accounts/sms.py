"""
Sending text messages. Pick a backend with the SMS_BACKEND setting; a provider's gateway is one
more subclass of SmsBackend.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

outbox: list[tuple[str, str]] = []  # filled by LocmemSmsBackend, read by tests


class SmsBackend:
    def send(self, *, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    def send(self, *, phone: str, text: str) -> None:
        logger.warning("SMS to %s: %s", phone, text)


class LocmemSmsBackend(SmsBackend):
    def send(self, *, phone: str, text: str) -> None:
        outbox.append((phone, text))


def send_sms(*, phone: str, text: str) -> None:
    import_string(settings.SMS_BACKEND)().send(phone=phone, text=text)
