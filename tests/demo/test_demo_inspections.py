"""seed_demo's 文明数治: the photos of failed inspections and rectifications, shown on the notice page
and printed on the notice; street points answer to the street's department; escalations are history."""

import pytest
from django.urls import reverse

from apps.demo.plan import STREET_CODE
from apps.inspections.models import (
    InspectionPhoto,
    InspectionPoint,
    Notice,
    NoticeEscalation,
    NoticePhoto,
    NoticeStep,
)
from apps.inspections.tasks import escalate_late_notices
from apps.notifications.models import Notification
from apps.places.models import Department, Place

from .conftest import built_for_the_module
from .test_demo_community_life import persona

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def street(django_db_setup, django_db_blocker, tmp_path_factory):
    """One small street for the whole module, rolled back at its end; yields where its files are."""
    folder = tmp_path_factory.mktemp("media")
    with built_for_the_module(django_db_blocker, folder):
        yield folder


def test_every_failed_inspection_and_every_rectification_carries_a_photo():
    notices = Notice.objects.all()
    answers = NoticeStep.objects.filter(kind=NoticeStep.Kind.ANSWER)
    assert notices.exists() and answers.exists()
    assert set(InspectionPhoto.objects.values_list("inspection", flat=True)) == set(
        notices.values_list("inspection", flat=True)
    )
    steps = set(NoticePhoto.objects.values_list("step", flat=True))
    assert steps == set(answers.values_list("pk", flat=True))
    names = {photo.image.name for photo in InspectionPhoto.objects.all()}
    assert len(names) == InspectionPhoto.objects.count()  # each its own file


def test_the_notice_page_shows_the_photos_and_the_print_embeds_them(client, settings, street):
    settings.MEDIA_ROOT = street  # each test has a folder of its own: read the street's
    notice = Notice.objects.filter(steps__kind=NoticeStep.Kind.ANSWER).order_by("pk").first()
    client.force_login(persona("street_official"))
    page = client.get(reverse("inspections:notice", args=[notice.pk])).content.decode()
    assert page.count('class="thumb"') == 2  # what was found, and the rectification
    thumbnail = page.split('class="thumb"')[0].rsplit('src="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert client.get(thumbnail).status_code == 200
    printed = client.get(reverse("inspections:notice_print", args=[notice.pk])).content
    assert b"/Subtype /Image" in printed


def test_the_streets_own_points_answer_to_its_urban_management_office():
    street = Place.objects.get(code=STREET_CODE)
    office = Department.objects.get(place=street, name="城市管理办公室")
    by_street = InspectionPoint.objects.filter(handler_kind="street")
    assert by_street.exists()
    assert set(by_street.values_list("department", flat=True)) == {office.pk}


def test_the_demos_escalations_are_history_no_one_is_told_of_again():
    assert NoticeEscalation.objects.exists()
    escalate_late_notices()
    assert not Notification.objects.filter(key__startswith="notice-escalation-").exists()
