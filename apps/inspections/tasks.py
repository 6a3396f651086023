"""Scheduled work of inspections: each category's round made when its cycle begins, late notices
escalated and their people told."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from apps.notifications.services import RETRY_IN_FLIGHT

from .announcements import announce_notice_escalation
from .escalation import notices_escalate
from .models import NoticeEscalation
from .rounds import rounds_generate_due

ANNOUNCE_LOOKBACK = timedelta(days=2)  # an older escalation is history, not news


@shared_task
def generate_due_rounds() -> int:
    return len(rounds_generate_due(today=timezone.localdate()))


@shared_task(acks_late=True)
def escalate_late_notices() -> int:
    """Record the escalations now due, then queue the telling of every one not yet told (those just
    made, and any whose telling was lost with a broker or a worker)."""
    now = timezone.now()
    created = notices_escalate(now)
    untold = NoticeEscalation.objects.filter(
        announced_at__isnull=True, created_at__gte=now - ANNOUNCE_LOOKBACK
    )
    for entry_id in untold.values_list("pk", flat=True):
        announce_escalation.delay(entry_id)
    return len(created)


@shared_task(**RETRY_IN_FLIGHT)
def announce_escalation(entry_id: int) -> None:
    entry = NoticeEscalation.objects.select_related("notice__point__place").get(pk=entry_id)
    if entry.announced_at is None:
        announce_notice_escalation(entry)  # once per person and entry: a second delivery tells no one
        NoticeEscalation.objects.filter(pk=entry_id).update(announced_at=timezone.now())
