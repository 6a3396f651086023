"""A worker killed (SIGKILL) while it re-encodes residents' photos: once a worker runs again, every
photo is made exactly once and no upload is left waiting."""

import io
import random

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from apps.places.models import Place, PlaceKind
from apps.reports.models import Photo, PhotoUpload, Report, TimelineEvent
from apps.reports.photo_uploads import PENDING_FOLDER
from apps.reports.services import report_submit
from tests.factories import UserFactory

from .conftest import Worker, celery_call, wait_for

pytestmark = pytest.mark.faults

REPORTS, PHOTOS = 8, 4


def phone_like_jpeg(seed: int) -> bytes:
    """Big and noisy enough that re-encoding takes a while, as a phone's photo does."""
    size = (2400, 1800)
    scene = Image.frombytes("RGB", (24, 18), random.Random(seed).randbytes(24 * 18 * 3)).resize(size)
    photo = Image.blend(scene, Image.merge("RGB", [Image.effect_noise(size, 50) for _ in "RGB"]), 0.2)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


@pytest.fixture
def waiting_uploads(transactional_db, world, categories):
    """Reports whose photos arrived and were never cleaned (as if the broker lost every message)."""
    units = list(Place.objects.filter(path__startswith=world.street_a.path, kind=PlaceKind.UNIT))
    data = [phone_like_jpeg(seed) for seed in range(PHOTOS)]
    for n in range(REPORTS):
        report = report_submit(
            place=units[n % len(units)],
            category=categories["lamp"],
            description=f"第{n}号问题",
            source="qr",
            reporter=UserFactory(),
        )
        event = TimelineEvent.objects.filter(report=report, action="submitted").get()
        for number, photo in enumerate(data):
            stored = default_storage.save(f"{PENDING_FOLDER}{n}-{number}", ContentFile(photo))
            PhotoUpload.objects.create(
                report=report, event=event, stored_name=stored, sent_name=f"{number}.jpg"
            )


def test_photos_being_cleaned_when_the_worker_is_killed_are_made_once(waiting_uploads, worker_env, tmp_path):
    env = {**worker_env, "PHOTO_UPLOAD_RETRY_SECONDS": "0"}
    worker = Worker(env, tmp_path / "worker.log")
    worker.start()
    try:
        celery_call(env, "apps.reports.tasks.clean_waiting_photo_uploads")  # as beat does
        wait_for(lambda: Photo.objects.count() >= PHOTOS, timeout=120, every=0.02, what="the first photos")
        worker.kill()
        made_when_killed = Photo.objects.count()
        assert PhotoUpload.objects.exists(), "every photo was cleaned before the worker was killed"

        worker.start()

        def cleaned_after_a_sweep() -> bool:
            celery_call(env, "apps.reports.tasks.clean_waiting_photo_uploads")
            return not PhotoUpload.objects.exists()

        wait_for(cleaned_after_a_sweep, timeout=180, every=2, what="every photo to be cleaned")
    finally:
        worker.stop()

    print(f"\n[faults] worker killed after {made_when_killed} of {REPORTS * PHOTOS} photos")
    for report in Report.objects.all():
        assert report.photos.count() == PHOTOS, f"report {report.tracking_number} has the wrong photos"
    assert not default_storage.listdir(PENDING_FOLDER.rstrip("/"))[1], "an upload's bytes were kept"
