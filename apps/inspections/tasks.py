"""Scheduled work of inspections: each category's round made when its cycle begins."""

from celery import shared_task
from django.utils import timezone

from .escalation import notices_escalate
from .rounds import rounds_generate_due


@shared_task
def generate_due_rounds() -> int:
    return len(rounds_generate_due(today=timezone.localdate()))


@shared_task
def escalate_late_notices() -> int:
    return len(notices_escalate(timezone.now()))
