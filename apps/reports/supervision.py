"""
督办: the scheduled check of every open report's deadlines.

For each deadline (dispatch, response, resolution) a report is warned shortly before it,
escalated to the community's staff when it passes, and to the street's officials when it is
still missed a while later. Each (report, deadline, level, deadline's time) is recorded once,
enforced by the database, so running the check twice — or in two workers at once — escalates
nothing twice, while a report given a fresh deadline after a return is supervised again. Entries
are written a batch per transaction.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from .lifecycle import WAITING_FOR_DISPATCH, WAITING_FOR_RESOLUTION, WAITING_FOR_RESPONSE
from .models import ActorKind, Report, Supervision, TimelineEvent
from .report_in import supervise_report_in

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
    done = Supervision.objects.filter(
        report=OuterRef("pk"), deadline=rule.deadline, level=level, due_at=OuterRef(due)
    )
    return (
        Report.objects.filter(window, rule.extra, status__in=rule.statuses)
        .filter(~Exists(done))
        .order_by(due)
    )


def supervise(now: datetime) -> list[int]:
    """Record every warning and escalation now due; returns the ids of the new supervision entries."""
    created = supervise_report_in(now)
    for rule in RULES:
        for level in (Supervision.Level.STREET, Supervision.Level.COMMUNITY, Supervision.Level.WARNING):
            conflicts = 0
            while batch := list(due_for(rule, level, now).values_list("pk", flat=True)[:BATCH]):
                try:
                    created += _supervise_batch(batch, rule, level, now)
                except IntegrityError:  # another run recorded some of them first: look again
                    conflicts += 1
                    if conflicts < 3:
                        continue
                    raise
                if len(batch) < BATCH:
                    break
    return created


def _supervise_batch(report_ids: list[int], rule: DeadlineRule, level: int, now: datetime) -> list[int]:
    """One transaction per batch: the reports are locked and read again, so one that was handled or
    given a new deadline since the candidate query is left alone."""
    due = rule.due_field
    with transaction.atomic():
        still_due = list(
            due_for(rule, level, now)
            .filter(pk__in=report_ids)
            .select_for_update()
            .values_list("pk", due, "status")
        )
        entries = Supervision.objects.bulk_create(
            Supervision(report_id=pk, deadline=rule.deadline, level=level, due_at=due_at, created_at=now)
            for pk, due_at, _ in still_due
        )
        if level > Supervision.Level.WARNING and still_due:
            ids = [pk for pk, _, _ in still_due]
            Report.objects.filter(pk__in=ids, escalation_level__lt=level).update(escalation_level=level)
            TimelineEvent.objects.bulk_create(
                TimelineEvent(
                    report_id=pk,
                    action="escalated",
                    status_after=status,
                    actor_kind=ActorKind.SYSTEM,
                    created_at=now,
                    announced_at=now,  # told through its supervision entry, to staff only
                )
                for pk, _, status in still_due
            )
    return [entry.pk for entry in entries]
