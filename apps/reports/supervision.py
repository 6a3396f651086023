"""
督办: the scheduled check of every open report's deadlines.

For each deadline (dispatch, response, resolution) a report is warned shortly before it,
escalated to the community's staff when it passes, and to the street's officials when it is
still missed a while later. Each (report, deadline, level) is recorded once, enforced by the
database, so running the check twice — or in two workers at once — escalates nothing twice.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from .lifecycle import WAITING_FOR_DISPATCH, WAITING_FOR_RESOLUTION, WAITING_FOR_RESPONSE
from .models import ActorKind, Report, Supervision, TimelineEvent

BATCH = 500


@dataclass(frozen=True)
class DeadlineRule:
    deadline: str
    due_field: str
    statuses: frozenset[str]
    warn_before: timedelta
    to_street_after: timedelta
    extra: Q = field(default_factory=Q)


RULES = [
    DeadlineRule(
        Supervision.Deadline.DISPATCH,
        "dispatch_due",
        WAITING_FOR_DISPATCH,
        timedelta(minutes=2),
        timedelta(minutes=30),
    ),
    DeadlineRule(
        Supervision.Deadline.RESPONSE,
        "response_due",
        WAITING_FOR_RESPONSE,
        timedelta(minutes=30),
        timedelta(hours=2),
        Q(responded_at__isnull=True),
    ),
    DeadlineRule(
        Supervision.Deadline.RESOLUTION,
        "resolve_due",
        WAITING_FOR_RESOLUTION,
        timedelta(days=1),
        timedelta(days=2),
    ),
]


def due_for(rule: DeadlineRule, level: int, now: datetime):
    """Reports that have reached `level` for this deadline and were not yet supervised at it."""
    due = rule.due_field
    if level == Supervision.Level.WARNING:
        window = Q(**{f"{due}__lte": now + rule.warn_before, f"{due}__gt": now})
    elif level == Supervision.Level.COMMUNITY:
        window = Q(**{f"{due}__lte": now})
    else:
        window = Q(**{f"{due}__lte": now - rule.to_street_after})
    done = Supervision.objects.filter(report=OuterRef("pk"), deadline=rule.deadline, level=level)
    return (
        Report.objects.filter(window, rule.extra, status__in=rule.statuses)
        .filter(~Exists(done))
        .order_by(due)
    )


def supervise(now: datetime) -> list[int]:
    """Record every warning and escalation now due; returns the ids of the new supervision entries."""
    created = []
    for rule in RULES:
        for level in (Supervision.Level.STREET, Supervision.Level.COMMUNITY, Supervision.Level.WARNING):
            while batch := list(due_for(rule, level, now).values_list("pk", flat=True)[:BATCH]):
                made = [entry for pk in batch if (entry := _supervise_one(pk, rule, level, now))]
                created += made
                if len(batch) < BATCH:
                    break
    return created


def _supervise_one(report_id: int, rule: DeadlineRule, level: int, now: datetime) -> int | None:
    try:
        with transaction.atomic():
            entry = Supervision.objects.create(
                report_id=report_id, deadline=rule.deadline, level=level, created_at=now
            )
            if level > Supervision.Level.WARNING:
                report = Report.objects.select_for_update().get(pk=report_id)
                if report.escalation_level < level:
                    report.escalation_level = level
                    report.save(update_fields=["escalation_level"])
                TimelineEvent.objects.create(
                    report=report,
                    action="escalated",
                    status_after=report.status,
                    actor_kind=ActorKind.SYSTEM,
                    created_at=now,
                    announced_at=now,  # told through its supervision entry, to staff only
                )
    except IntegrityError:  # another run recorded it first
        return None
    return entry.pk
