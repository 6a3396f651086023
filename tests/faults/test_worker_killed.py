"""A worker killed (SIGKILL, parent and children) in the middle of a burst of escalations and
notices: once a worker runs again, every escalation is announced, and nobody is told twice."""

import time
from datetime import timedelta
from email import message_from_string
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from apps.notifications.models import Notification
from apps.places.models import Place, PlaceKind
from apps.reports.models import Report, Supervision, TimelineEvent
from apps.reports.services import report_submit
from apps.reports.tasks import announce_event, announce_supervision
from tests.factories import UserFactory

from .conftest import Worker, celery_call, wait_for

pytestmark = pytest.mark.faults


REPORTS = 40


@pytest.fixture
def overdue_reports(transactional_db, world, categories):
    """Reports long past their response and resolution deadlines, none of their steps announced."""
    units = list(Place.objects.filter(path__startswith=world.street_a.path, kind=PlaceKind.UNIT))
    for n in range(REPORTS):
        report_submit(
            place=units[n % len(units)],
            category=categories["lamp" if n % 2 else "noise"],
            description=f"第{n}号问题",
            source="web",
            reporter=UserFactory(),
        )
    long_ago = timezone.now() - timedelta(days=5)
    Report.objects.update(dispatch_due=long_ago, response_due=long_ago, resolve_due=long_ago)
    TimelineEvent.objects.update(announced_at=None)
    Notification.objects.all().delete()  # as if the broker had lost every announcement so far
    mail.outbox.clear()
    return Report.objects.all()


def emails_sent(folder: Path) -> list[tuple[str, str, str]]:
    sent = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = message_from_string(chunk.strip())
                sent.append((message["To"], message["Subject"], message.get_payload()))
    return sent


def everything_announced() -> bool:
    return (
        Supervision.objects.count() == REPORTS * 4  # response and resolution, community and street
        and not TimelineEvent.objects.filter(announced_at__isnull=True).exists()
        and not Supervision.objects.filter(announced_at__isnull=True).exists()
    )


def test_after_a_worker_is_killed_mid_burst_nothing_is_lost_or_sent_twice(
    overdue_reports, worker_env, tmp_path
):
    worker = Worker(worker_env, tmp_path / "worker.log")
    worker.start()
    try:
        celery_call(worker_env, "apps.reports.tasks.supervise_deadlines")
        celery_call(worker_env, "apps.reports.tasks.announce_pending")
        wait_for(lambda: Notification.objects.count() >= 15, timeout=120, every=0.02, what="the burst")
        worker.kill()
        told_when_killed = Notification.objects.count()
        assert not everything_announced(), "the burst was over before the worker was killed"

        worker.start()

        def announced_after_a_sweep() -> bool:
            celery_call(worker_env, "apps.reports.tasks.announce_pending")  # as beat does every minute
            return everything_announced()

        restarted = time.monotonic()
        wait_for(announced_after_a_sweep, timeout=120, every=2, what="every step to be announced")
        print(f"\n[faults] everything announced {time.monotonic() - restarted:.1f} s after the restart")
    finally:
        worker.stop()

    told = Notification.objects.count()
    sent = emails_sent(tmp_path / "mail")
    print(
        f"\n[faults] worker killed after {told_when_killed} of {told} notices; "
        f"{len(sent)} e-mails, none twice"
    )
    assert told > told_when_killed
    assert len(sent) == len(set(sent)), "someone got the same e-mail twice"
    assert len(sent) == Notification.objects.filter(emailed_at__isnull=False).count()

    # Announcing everything once more, here, finds no one who was not told already.
    steps = TimelineEvent.objects.exclude(action="escalated")  # told through the supervision entries
    steps.update(announced_at=None)
    Supervision.objects.update(announced_at=None)
    for event_id in steps.values_list("pk", flat=True):
        announce_event.apply(args=[event_id])
    for entry_id in Supervision.objects.values_list("pk", flat=True):
        announce_supervision.apply(args=[entry_id])
    assert Notification.objects.count() == told
    assert mail.outbox == []
