"""
Late notices escalate like reports (apps/reports/supervision.py): a notice still waiting for its
rectification when its deadline passes is called on to the community's leaders, and to the street
when it is still late a while later. Each (notice, level, deadline) is recorded once, enforced by the
database, so running the check twice escalates nothing twice.
"""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q

from .models import Notice, NoticeEscalation

TO_STREET_AFTER = timedelta(days=3)
WAITING = (Notice.Status.ISSUED, Notice.Status.RETURNED)


def late_notices(level: int, now: datetime):
    cutoff = now if level == NoticeEscalation.Level.COMMUNITY else now - TO_STREET_AFTER
    done = NoticeEscalation.objects.filter(notice=OuterRef("pk"), level=level, due_at=OuterRef("deadline"))
    return Notice.objects.filter(Q(status__in=WAITING), deadline__lte=cutoff).filter(~Exists(done))


def notices_escalate(now: datetime) -> list[NoticeEscalation]:
    """Record every escalation now due; returns the new entries."""
    created = []
    for level in NoticeEscalation.Level:
        due = late_notices(level, now).values_list("pk", "deadline")
        created += NoticeEscalation.objects.bulk_create(
            [
                NoticeEscalation(notice_id=pk, level=level, due_at=deadline, created_at=now)
                for pk, deadline in due
            ],
            ignore_conflicts=True,  # another run recorded it first
        )
    return created
