"""A resident's photos are re-encoded after the report is in, and never served before."""

import io
from datetime import timedelta

import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.reports.models import Photo, PhotoUpload, Report
from apps.reports.photo_uploads import photo_uploads_clean
from apps.reports.tasks import clean_waiting_photo_uploads
from tests.factories import UserFactory

from .test_resident_pages import jpeg, submit


def test_the_report_is_in_before_its_photos_are_cleaned(client, board, categories):
    response = submit(client, board, categories["lamp"], photos=[jpeg(), jpeg()])
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.photos.count() == 0
    assert [u.sent_name for u in report.photo_uploads.all()] == ["photo.jpg", "photo.jpg"]


def test_the_cleaning_makes_the_photos_and_forgets_the_bytes(client, board, categories):
    submit(client, board, categories["lamp"], photos=[jpeg(), jpeg()])
    upload = PhotoUpload.objects.first()
    assert default_storage.exists(upload.stored_name)
    made = photo_uploads_clean(event_id=upload.event_id)
    photos = list(Photo.objects.all())
    assert made == 2 and len(photos) == 2
    assert all(p.thumbnail and p.width == 640 and p.event_id == upload.event_id for p in photos)
    assert not PhotoUpload.objects.exists()


def test_cleaning_twice_makes_the_photos_once(client, board, categories, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, board, categories["lamp"], photos=[jpeg()])
    event_id = Photo.objects.get().event_id
    assert photo_uploads_clean(event_id=event_id) == 0
    assert Photo.objects.count() == 1


def test_nobody_is_served_a_photo_before_it_is_cleaned(client, world, board, categories):
    submit(client, board, categories["lamp"], photos=[jpeg()])
    upload = PhotoUpload.objects.get()
    for person in (world.staff_a1, UserFactory(is_staff=True, is_superuser=True)):  # both see the report
        client.force_login(person)
        assert client.get(f"/media/{upload.stored_name}").status_code == 404


def test_a_truncated_photo_is_left_out_and_the_report_kept(client, board, categories):
    buffer = io.BytesIO()
    Image.effect_noise((1200, 900), 50).convert("RGB").save(buffer, "JPEG")  # mostly picture, little header
    whole = buffer.getvalue()
    truncated = SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], content_type="image/jpeg")
    response = submit(client, board, categories["lamp"], photos=[truncated, jpeg()])
    assert response.status_code == 302, response.content.decode()[:3000]
    event_id = PhotoUpload.objects.first().event_id
    assert photo_uploads_clean(event_id=event_id) == 1
    assert Report.objects.get().photos.count() == 1 and not PhotoUpload.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_on_arrival(client, board, categories):
    bad = SimpleUploadedFile("photo.jpg", b"this is not an image", content_type="image/jpeg")
    response = submit(client, board, categories["lamp"], description="楼道灯坏了", photos=[bad])
    assert response.status_code == 200 and "楼道灯坏了" in response.content.decode()
    assert not PhotoUpload.objects.exists()


def test_photos_whose_cleaning_was_lost_are_queued_again(
    client, board, categories, settings, django_capture_on_commit_callbacks
):
    submit(client, board, categories["lamp"], photos=[jpeg()])  # its queued cleaning never runs here
    assert clean_waiting_photo_uploads() == 0  # not waiting long yet
    later = timezone.now() + timedelta(seconds=settings.PHOTO_UPLOAD_RETRY_SECONDS + 1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert clean_waiting_photo_uploads() == 1
    assert Photo.objects.count() == 1 and not PhotoUpload.objects.exists()


def test_the_follow_page_shows_the_photos_once_they_are_cleaned(client, board, categories):
    response = submit(client, board, categories["lamp"], photos=[jpeg()])
    before = client.get(response["Location"]).content.decode()
    photo_uploads_clean(event_id=PhotoUpload.objects.get().event_id)
    after = client.get(response["Location"]).content.decode()
    thumbnail = Photo.objects.get().thumbnail.name
    assert thumbnail not in before and thumbnail in after
    assert "照片正在处理" in before and "照片正在处理" not in after
