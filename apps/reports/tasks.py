"""Scheduled and after-commit work of reports: announcements, 督办, closing unrated reports."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from apps.notifications.services import RETRY_IN_FLIGHT

from .announcements import announce_event as _announce_event
from .announcements import announce_supervision as _announce_supervision
from .models import Report, Supervision, TimelineEvent
from .photo_uploads import photo_uploads_clean, photo_uploads_waiting
from .printjobs import make_board_sheet  # noqa: F401  (registers the board-sheet task)
from .services import report_transition
from .suggestions import suggestion_models_relearn
from .supervision import supervise
from .visits import unrated_past_visits

ANNOUNCE_LOOKBACK = timedelta(days=2)  # older steps are history, not news
ANNOUNCE_BATCH = 1000


@shared_task(**RETRY_IN_FLIGHT)
def announce_event(event_id: int) -> None:
    event = TimelineEvent.objects.select_related(
        "report__category", "report__place", "report__reporter", "unit"
    ).get(pk=event_id)
    if event.announced_at is None:
        _announce_event(event)  # once per person and occasion, so a second delivery tells no one twice
        TimelineEvent.objects.filter(pk=event_id).update(announced_at=timezone.now())


@shared_task(**RETRY_IN_FLIGHT)
def announce_supervision(entry_id: int) -> None:
    entry = Supervision.objects.select_related("report__category", "report__place", "unit__department").get(
        pk=entry_id
    )
    if entry.announced_at is None:
        _announce_supervision(entry)
        Supervision.objects.filter(pk=entry_id).update(announced_at=timezone.now())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def clean_photo_uploads(event_id: int) -> int:
    """A step's photos re-encoded off the request; a worker dying mid-way leaves them to the next."""
    return photo_uploads_clean(event_id=event_id)


@shared_task(acks_late=True)
def clean_waiting_photo_uploads() -> int:
    """Every few minutes (beat): queue again the photos whose cleaning was lost."""
    waiting = photo_uploads_waiting(for_longer_than=timedelta(seconds=settings.PHOTO_UPLOAD_RETRY_SECONDS))
    for event_id in waiting:
        clean_photo_uploads.delay(event_id)
    return len(waiting)


@shared_task(acks_late=True)
def supervise_deadlines() -> int:
    """Every minute (beat): warn and escalate; each new entry is announced by its own task."""
    created = supervise(timezone.now())
    for entry_id in created:
        announce_supervision.delay(entry_id)
    return len(created)


@shared_task(acks_late=True)
def announce_pending() -> int:
    """Every minute (beat): queue again the announcements that were never made — the broker was
    down when the step committed, or a worker died between writing the step and queueing its
    notices. The announcing tasks are idempotent, so one queued twice tells no one twice."""
    now = timezone.now()
    window = {
        "announced_at__isnull": True,
        "created_at__lte": now - timedelta(seconds=settings.ANNOUNCE_RETRY_AFTER_SECONDS),
        "created_at__gte": now - ANNOUNCE_LOOKBACK,
    }
    events = list(TimelineEvent.objects.filter(**window).values_list("pk", flat=True)[:ANNOUNCE_BATCH])
    entries = list(Supervision.objects.filter(**window).values_list("pk", flat=True)[:ANNOUNCE_BATCH])
    for event_id in events:
        announce_event.delay(event_id)
    for entry_id in entries:
        announce_supervision.delay(entry_id)
    return len(events) + len(entries)


@shared_task(acks_late=True)
def close_unrated_reports() -> int:
    """A resolved report neither the resident nor a return visit rated within the period is closed,
    unrated; one still waiting for its check (审核) is not."""
    stale = unrated_past_visits(Report.objects.all())
    closed = 0
    for report in stale.iterator():
        report_transition(report=report, action="close", system=True, note="")
        closed += 1
    return closed


@shared_task(acks_late=True)
def relearn_category_suggestions() -> int:
    """Nightly (beat): learn the category suggestions again from the reports staff confirmed or corrected."""
    return suggestion_models_relearn()
