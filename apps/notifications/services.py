"""Telling people: in-app first, then e-mail or a text message; each occasion at most once."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from apps.accounts.sms import send_sms

from .models import Notification, TextMessage
from .selectors import unread_forget


def notify(*, users: Iterable, key: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Record a notice for each person (once per `key`) and e-mail those who have an address. An
    e-mail another delivery is sending is left to it; EmailInFlight is raised once everyone else has
    been told, for a task to try again (`RETRY_IN_FLIGHT`) in case that delivery dies."""
    sent, in_flight = [], []
    for user in {u.pk: u for u in users}.values():
        notification, created = Notification.objects.get_or_create(
            user=user, key=key, defaults={"title": title, "body": body, "url": url}
        )
        if created:
            unread_forget(user.pk)
        if notification.emailed_at is None and user.email:
            try:
                _email(notification, user, title=title, body=body, url=url)
            except EmailInFlight:
                in_flight.append(notification.pk)
        sent.append(notification)
    if in_flight:
        raise EmailInFlight(*in_flight)
    return sent


class EmailInFlight(Exception):
    """Another delivery of the same notice holds the e-mail's claim: try again once its lease ends."""


# Options of a task that notifies: a notice whose e-mail another delivery is sending is tried again
# when that delivery's lease ends.
RETRY_IN_FLIGHT = {
    "acks_late": True,
    "autoretry_for": (EmailInFlight,),
    "default_retry_delay": settings.EMAIL_CLAIM_LEASE_SECONDS,
    "max_retries": 5,
}


def _email(notification: Notification, user, *, title: str, body: str, url: str) -> None:
    """Sent once: a delivery claims the notice, sends, then stamps it. Two deliveries racing send
    one e-mail; a delivery that died holding the claim is replaced when the lease runs out."""
    now = timezone.now()
    lease_over = now - timedelta(seconds=settings.EMAIL_CLAIM_LEASE_SECONDS)
    unsent = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True)
    claimed = unsent.filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=lease_over))
    if not claimed.update(email_claimed_at=now):
        if unsent.exists():
            raise EmailInFlight(notification.pk)
        return  # sent meanwhile
    link = f"\n\n{settings.SITE_URL}{url}" if url else ""
    try:
        send_mail(title, f"{body}{link}", None, [user.email])
    except Exception:
        unsent.update(email_claimed_at=None)  # a retry sends it
        raise
    unsent.update(emailed_at=timezone.now())


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
    read = unread.update(read_at=timezone.now())
    unread_forget(user.pk)
    return read
