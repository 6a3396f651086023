"""Telling people: in-app first, then e-mail or a text message; each occasion at most once."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.sms import send_sms

from .models import Notification, TextMessage


def notify(*, users: Iterable, key: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Record a notice for each person (once per `key`) and e-mail those who have an address."""
    sent = []
    for user in {u.pk: u for u in users}.values():
        notification, _ = Notification.objects.get_or_create(
            user=user, key=key, defaults={"title": title, "body": body, "url": url}
        )
        if notification.emailed_at is None and user.email and _claim_email(notification):
            link = f"\n\n{settings.SITE_URL}{url}" if url else ""
            try:
                send_mail(title, f"{body}{link}", None, [user.email])
            except Exception:
                Notification.objects.filter(pk=notification.pk).update(emailed_at=None)  # a retry sends it
                raise
        sent.append(notification)
    return sent


def _claim_email(notification: Notification) -> bool:
    """Two deliveries of the same task racing: only the one that stamps the notice first e-mails."""
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True)
    return claimed.update(emailed_at=timezone.now()) == 1


def text(*, phone: str, key: str, message: str) -> bool:
    """Send a text message once per (phone, key); returns whether it was sent now."""
    try:
        with transaction.atomic():
            record = TextMessage.objects.create(phone=phone, key=key, text=message)
    except IntegrityError:
        record = TextMessage.objects.get(phone=phone, key=key)
        if record.sent_at:
            return False
    send_sms(phone=phone, text=message)
    TextMessage.objects.filter(pk=record.pk).update(sent_at=timezone.now())
    return True


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
