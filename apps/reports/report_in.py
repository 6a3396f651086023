"""
督办 of 吹哨报到: a summoned unit that has not reported in (报到) by its deadline is escalated like any
missed deadline — to the community's staff when it passes, to the street's officials when it is still
missed `REPORT_IN_TO_STREET_AFTER_MINUTES` later. One entry per (unit, level, deadline's time),
enforced by the database, so running the check twice, or in two workers at once, escalates once.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from .joined_units import JoinedUnit
from .lifecycle import OPEN_STATUSES
from .models import ActorKind, Supervision, TimelineEvent

LEVELS = (Supervision.Level.STREET, Supervision.Level.COMMUNITY)


def units_due(level: int, now: datetime):
    """Summoned units not reported in that have reached `level` and were not yet supervised at it."""
    late_by = timedelta(minutes=settings.REPORT_IN_TO_STREET_AFTER_MINUTES)
    window = Q(report_in_due__lte=now - late_by if level == Supervision.Level.STREET else now)
    done = Supervision.objects.filter(unit=OuterRef("pk"), level=level, due_at=OuterRef("report_in_due"))
    return (
        JoinedUnit.objects.filter(
            window,
            part=JoinedUnit.Part.SUMMONED,
            reported_in_at__isnull=True,
            report__status__in=OPEN_STATUSES,
        )
        .filter(~Exists(done))
        .order_by("report_in_due", "pk")
    )


def supervise_report_in(now: datetime) -> list[int]:
    """Record every report-in escalation now due; returns the ids of the new supervision entries."""
    created = []
    for level in LEVELS:
        for attempt in range(3):
            try:
                created += _supervise(level, now)
                break
            except IntegrityError:  # another run recorded some of them first: look again
                if attempt == 2:
                    raise
    return created


def _supervise(level: int, now: datetime) -> list[int]:
    """One transaction: the units are locked and read again, so one that reported in meanwhile is
    left alone."""
    with transaction.atomic():
        due = list(
            units_due(level, now).select_for_update(of=("self",)).select_related("report", "department")
        )
        entries = Supervision.objects.bulk_create(
            Supervision(
                report_id=unit.report_id,
                unit=unit,
                deadline=Supervision.Deadline.REPORT_IN,
                level=level,
                due_at=unit.report_in_due,
                created_at=now,
            )
            for unit in due
        )
        TimelineEvent.objects.bulk_create(
            TimelineEvent(
                report_id=unit.report_id,
                unit=unit,
                action="unit_escalated",
                status_after=unit.report.status,
                actor_kind=ActorKind.SYSTEM,
                note=f"{unit.department} · {Supervision.Level(level).label}",
                created_at=now,
                announced_at=now,  # told through its supervision entry, to staff only
            )
            for unit in due
        )
    return [entry.pk for entry in entries]
