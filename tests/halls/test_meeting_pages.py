"""Meeting pages: the resident's meeting page, sign-in by scanning, the staff's code screen,
attendance list and minutes; each in a number of queries that stays flat as the meeting grows."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.halls.meetings.codes import meeting_code
from apps.halls.meetings.minutes import minutes_submit, minutes_write
from apps.halls.meetings.services import meeting_close, meeting_open, registration_create, sign_in_by_staff
from apps.halls.models import AgendaItem, Attendance, MeetingAttachment, Registration
from apps.halls.topics.services import topic_raise

from .conftest import resident_of

MAX_QUERIES = 8


@pytest.fixture
def client(client):
    """Pages answer in English here (the browser asks for it), so messages are matched by their msgids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def grow(world, hall, found, residents, n):
    """n more topics on the agenda, n more people registered and signed in, n attachments."""
    household = world.households(world.community_a1)[0]
    for i in range(n):
        topic = topic_raise(hall=hall, user=residents[0], title=f"议题{i}", body="…")
        AgendaItem.objects.create(meeting=found, topic=topic, position=i + 1)
        person = resident_of(household, f"家人{i}")
        Registration.objects.create(meeting=found, user=person, status=Registration.Status.CONFIRMED)
        Attendance.objects.create(meeting=found, user=person, method="code")
        MeetingAttachment.objects.create(meeting=found, title=f"附件{i}", file=f"halls/meetings/{i}.pdf")


def test_a_member_registers_from_the_meeting_page_and_sees_their_place(client, meeting, residents):
    found = meeting(capacity=1)
    client.force_login(residents[0])
    client.post(reverse("halls:meeting_register", args=[found.pk]))
    client.post(reverse("halls:meeting_register", args=[found.pk]))  # a double tap
    assert Registration.objects.filter(meeting=found).count() == 1
    body = client.get(reverse("halls:meeting", args=[found.pk])).content.decode()
    assert "Cancel my registration" in body and "1 of 1 places taken" in body


def test_cancelling_from_the_page_gives_the_place_to_the_first_waiting(client, meeting, residents):
    found = meeting(capacity=1)
    registration_create(meeting=found, user=residents[0])
    registration_create(meeting=found, user=residents[1])
    client.force_login(residents[0])
    client.post(reverse("halls:meeting_unregister", args=[found.pk]))
    assert Registration.objects.get(user=residents[1]).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("extra", [1, 15])
def test_the_meeting_page_takes_the_same_few_queries_however_big_the_meeting(
    client, world, hall, meeting, residents, extra, django_assert_max_num_queries
):
    found = meeting()
    grow(world, hall, found, residents, extra)
    client.force_login(residents[1])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:meeting", args=[found.pk]))
    body = response.content.decode()
    assert f"议题{extra - 1}" in body and f"附件{extra - 1}" in body


@pytest.mark.parametrize("extra", [1, 15])
def test_the_staff_attendance_page_takes_the_same_few_queries(
    client, world, hall, meeting, residents, extra, django_assert_max_num_queries
):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    grow(world, hall, found, residents, extra)
    client.force_login(world.staff_a1)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:meeting_attendance", args=[found.pk]))
    assert f"家人{extra - 1}" in response.content.decode()


def test_scanning_the_venue_code_signs_in_from_the_phone(client, world, meeting, residents):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    url = reverse("halls:meeting_sign_in", args=[found.pk])
    client.force_login(residents[0])
    page = client.get(url, {"c": meeting_code(found)})
    assert page.status_code == 200 and "Sign me in" in page.content.decode()
    client.post(url, {"c": meeting_code(found)})
    client.post(url, {"c": meeting_code(found)})
    assert Attendance.objects.filter(meeting=found, user=residents[0]).count() == 1


def test_a_wrong_code_is_refused_with_a_clear_message(client, world, meeting, residents):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    client.force_login(residents[0])
    response = client.post(reverse("halls:meeting_sign_in", args=[found.pk]), {"c": "forged"}, follow=True)
    assert "expired or belongs to another meeting" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_code_screen_opens_the_meeting_then_shows_a_code_that_refreshes(client, world, meeting):
    found = meeting()
    client.force_login(world.staff_a1)
    url = reverse("halls:meeting_code", args=[found.pk])
    assert "<svg" not in client.get(url).content.decode()
    client.post(url, {"action": "open"})
    response = client.get(url)
    assert "<svg" in response.content.decode() and 'js/refresh.js" data-seconds=' in response.content.decode()
    client.post(url, {"action": "close"})
    found.refresh_from_db()
    assert found.status == "closed"


def test_staff_sign_in_someone_by_mobile_number_from_the_attendance_page(client, world, meeting, residents):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    client.force_login(world.staff_a1)
    url = reverse("halls:meeting_attendance", args=[found.pk])
    client.post(url, {"phone": str(residents[1].phone).removeprefix("+86")})
    client.post(url, {"phone": "12345"})
    assert list(Attendance.objects.values_list("user", "signed_in_by")) == [
        (residents[1].pk, world.staff_a1.pk)
    ]


def test_after_the_meeting_its_page_shows_the_attendance_and_the_approved_minutes_only(
    client, world, meeting, residents
):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    sign_in_by_staff(meeting=found, user=residents[0], by=world.staff_a1)
    found = meeting_close(meeting=found, by=world.staff_a1)
    minutes_write(meeting=found, body="草稿内容", by=world.staff_a1)
    client.force_login(residents[1])
    url = reverse("halls:meeting", args=[found.pk])
    body = client.get(url).content.decode()
    assert "1 person attended" in body and "草稿内容" not in body
    minutes_submit(meeting=found, by=world.staff_a1)
    client.force_login(residents[0])
    client.post(reverse("halls:minutes_answer", args=[found.pk]), {"answer": "approve"})
    client.force_login(residents[1])
    body = client.get(url).content.decode()
    assert "草稿内容" in body and "Approved by the attendees" in body


def test_staff_write_and_submit_the_minutes_from_their_page(client, world, meeting, residents):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    sign_in_by_staff(meeting=found, user=residents[0], by=world.staff_a1)
    found = meeting_close(meeting=found, by=world.staff_a1)
    client.force_login(world.staff_a1)
    url = reverse("halls:meeting_minutes", args=[found.pk])
    response = client.post(url, {"body": "", "action": "save"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(url, {"body": "会议纪要正文", "action": "submit"})
    found.refresh_from_db()
    assert (found.minutes.body, found.minutes.status) == ("会议纪要正文", "pending")


def test_an_attachment_is_served_to_members_only(client, world, meeting, residents):
    found = meeting()
    attachment = MeetingAttachment.objects.create(
        meeting=found, title="方案图", file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4", "application/pdf")
    )
    url = reverse("halls:meeting_attachment", args=[attachment.pk])
    client.force_login(residents[0])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_the_hall_home_lists_its_upcoming_meetings(client, hall, meeting, residents):
    meeting(title="六月议事会", starts_at=meeting().starts_at + timedelta(days=3))
    client.force_login(residents[0])
    assert "六月议事会" in client.get(reverse("halls:hall", args=[hall.pk])).content.decode()
