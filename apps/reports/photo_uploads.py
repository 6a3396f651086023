"""
A resident's photos re-encoded after the report is in: the submission keeps each checked photo's
bytes under `pending/` (no model serves that folder: apps/access/files.py answers 404 for it) and
queues the cleaning of the step's photos; the cleaning makes them Photos and forgets the bytes, in
one transaction, so a worker dying mid-way leaves the uploads to be cleaned again (the task is
acknowledged late, and the beat task queues uploads left waiting).
"""

import logging
import uuid
from collections.abc import Sequence
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from apps.core.photos import AcceptedPhoto, PhotoRejected, processed_from_bytes
from apps.core.queue import queue_on_commit

from .models import Photo, PhotoUpload, TimelineEvent

log = logging.getLogger(__name__)

PENDING_FOLDER = "pending/reports/"
CLEANING_TASK = "apps.reports.tasks.clean_photo_uploads"


def photo_uploads_keep(*, event: TimelineEvent, photos: Sequence[AcceptedPhoto]) -> None:
    """Keep the step's photos until they are cleaned; the cleaning is queued once the step commits."""
    for photo in photos:
        stored = default_storage.save(f"{PENDING_FOLDER}{uuid.uuid4().hex}", photo.file)  # a move if on disk
        PhotoUpload.objects.create(
            report_id=event.report_id, event=event, stored_name=stored, sent_name=photo.name[:200]
        )
    if photos:
        queue_on_commit(CLEANING_TASK, event.pk)


def photo_uploads_clean(*, event_id: int) -> int:
    """Re-encode the step's waiting photos in the order sent; the number made. Uploads another
    worker is cleaning are skipped (PostgreSQL), and a second run finds nothing left."""
    made = 0
    with transaction.atomic():
        uploads = PhotoUpload.objects.select_for_update(skip_locked=True).filter(event_id=event_id)
        for upload in uploads:
            made += _cleaned(upload)
            upload.delete()
            transaction.on_commit(lambda name=upload.stored_name: default_storage.delete(name))
    return made


def _cleaned(upload: PhotoUpload) -> bool:
    try:
        with default_storage.open(upload.stored_name) as stored:
            processed = processed_from_bytes(stored.read(), upload.sent_name)
    except (PhotoRejected, FileNotFoundError) as refused:  # checked on arrival; a truncated file fails here
        log.warning("photo %s of report %s left out: %s", upload.sent_name, upload.report_id, refused)
        return False
    Photo.objects.create(
        report_id=upload.report_id,
        event_id=upload.event_id,
        image=processed.image,
        thumbnail=processed.thumbnail,
        created_at=upload.created_at,
    )
    return True


def photo_uploads_waiting(*, for_longer_than: timedelta) -> list[int]:
    """The steps whose photos have waited too long for their cleaning (a lost message, a dead worker)."""
    since = timezone.now() - for_longer_than
    return list(
        PhotoUpload.objects.filter(created_at__lt=since)
        .order_by()
        .values_list("event_id", flat=True)
        .distinct()
    )
