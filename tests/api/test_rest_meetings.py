"""Meetings (议事会) through the REST API: found as their pages find them, registration and sign-in
through the halls' services, refusals in the one error shape, attendance as a count after the close
and minutes only once published."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.halls.meetings.codes import meeting_code
from apps.halls.meetings.minutes import minutes_answer, minutes_submit, minutes_write
from apps.halls.meetings.services import meeting_close, meeting_open, meeting_schedule, registration_create
from apps.halls.models import Attendance, Meeting, Registration
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from tests.factories import UserFactory


def english(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


@pytest.fixture
def hall(world):
    return hall_for(world.community_a1)


@pytest.fixture
def residents(world):
    """A verified resident in each of the two households of community 甲1, and a third in the first."""
    people = []
    households = world.households(world.community_a1)
    for number, household in enumerate([*households, households[0]], 1):
        person = UserFactory(display_name=f"甲一住户{number}")
        role_grant(user=person, role=Role.RESIDENT, place=household)
        people.append(person)
    return people


@pytest.fixture
def meeting(world, hall, residents):
    """A meeting of hall 甲1 starting in half an hour (so its staff may open it now), with a topic on
    its agenda."""

    def make(**fields):
        fields.setdefault("starts_at", timezone.now() + timedelta(minutes=30))
        fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=2))
        fields.setdefault("venue", "社区活动室")
        fields.setdefault("title", "居民议事会")
        topic = topic_raise(hall=hall, user=residents[0], title="补种枯死的绿植", body="……")
        return meeting_schedule(meeting=Meeting(hall=hall, **fields), by=world.staff_a1, topics=[topic])

    return make


def nothing_recorded():
    return (Registration.objects.count(), Attendance.objects.count()) == (0, 0)


# who reaches what


def test_a_member_lists_the_meetings_of_their_halls_and_filters_by_hall(world, hall, meeting, residents):
    found = meeting(online_url="https://meeting.example.cn/1", capacity=20)
    client = english(residents[0])
    listed = client.get("/api/v1/meetings/").json()["results"]
    assert [m["id"] for m in listed] == [found.pk]
    assert listed[0]["agenda"] == [{"position": 1, "topic": found.agenda.get().pk, "title": "补种枯死的绿植"}]
    assert listed[0]["online_url"] == "https://meeting.example.cn/1" and listed[0]["capacity"] == 20
    assert listed[0]["my_registration"] is None and listed[0]["attendees"] is None
    other = hall_for(world.community_a2)
    assert client.get(f"/api/v1/meetings/?hall={hall.pk}").json()["results"] == listed
    assert client.get(f"/api/v1/meetings/?hall={other.pk}").json()["results"] == []


def test_a_person_of_another_community_sees_no_meeting_and_changes_nothing(world, meeting):
    found = meeting(capacity=5)
    meeting_open(meeting=found, by=world.staff_a1)
    for stranger in (world.outsider, world.staff_b1):
        client = english(stranger)
        assert client.get("/api/v1/meetings/").json()["results"] == []
        answers = [
            client.get(f"/api/v1/meetings/{found.pk}/"),
            client.post(f"/api/v1/meetings/{found.pk}/registration/"),
            client.delete(f"/api/v1/meetings/{found.pk}/registration/"),
            client.post(f"/api/v1/meetings/{found.pk}/sign-in/", {"code": meeting_code(found)}),
        ]
        assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "not_found")] * 4
    missing = english(world.staff_b1).get("/api/v1/meetings/999999/")
    forbidden = english(world.staff_b1).get(f"/api/v1/meetings/{found.pk}/")
    assert missing.json() == forbidden.json()
    assert nothing_recorded()


def test_the_staff_of_the_community_see_the_meeting(world, meeting):
    found = meeting()
    assert english(world.staff_a1).get(f"/api/v1/meetings/{found.pk}/").json()["id"] == found.pk


# registration


def test_a_member_registers_once(meeting, residents):
    found = meeting(capacity=5)
    client = english(residents[0])
    made = client.post(f"/api/v1/meetings/{found.pk}/registration/")
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    again = client.post(f"/api/v1/meetings/{found.pk}/registration/")
    assert again.status_code == 400
    assert again.json()["code"] == "invalid" and again.json()["message"] == "You have already registered."
    assert Registration.objects.count() == 1
    detail = client.get(f"/api/v1/meetings/{found.pk}/").json()
    assert (detail["my_registration"], detail["taken"]) == ("confirmed", 1)


def test_past_the_capacity_people_wait_and_move_up_when_a_place_frees(meeting, residents):
    found = meeting(capacity=1)
    first, second = english(residents[0]), english(residents[1])
    first.post(f"/api/v1/meetings/{found.pk}/registration/")
    assert second.post(f"/api/v1/meetings/{found.pk}/registration/").json()["status"] == "waitlisted"
    cancelled = first.delete(f"/api/v1/meetings/{found.pk}/registration/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert second.get(f"/api/v1/meetings/{found.pk}/").json()["my_registration"] == "confirmed"


def test_a_full_meeting_without_a_waitlist_refuses(meeting, residents):
    found = meeting(capacity=1, waitlist=False)
    english(residents[0]).post(f"/api/v1/meetings/{found.pk}/registration/")
    refused = english(residents[1]).post(f"/api/v1/meetings/{found.pk}/registration/")
    assert refused.status_code == 400 and refused.json()["message"] == "This meeting is full."
    assert Registration.objects.count() == 1


def test_cancelling_without_a_registration_is_refused(meeting, residents):
    refused = english(residents[0]).delete(f"/api/v1/meetings/{meeting().pk}/registration/")
    assert refused.status_code == 400
    assert refused.json()["message"] == "You have not registered for this meeting."


def test_a_refusal_speaks_the_persons_language(meeting, residents):
    found = meeting(capacity=1, waitlist=False)
    registration_create(meeting=found, user=residents[0])
    client = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_authenticate(residents[1])
    refused = client.post(f"/api/v1/meetings/{found.pk}/registration/")
    assert refused.status_code == 400 and refused.json()["message"] != "This meeting is full."


# sign-in, attendance and minutes


def test_a_registered_member_signs_in_with_the_code_once(world, meeting, residents):
    found = meeting(capacity=5)
    registration_create(meeting=found, user=residents[0])
    found = meeting_open(meeting=found, by=world.staff_a1)
    client = english(residents[0])
    url = f"/api/v1/meetings/{found.pk}/sign-in/"
    signed = client.post(url, {"code": meeting_code(found)})
    assert signed.status_code == 201 and signed.json()["method"] == "code"
    again = client.post(url, {"code": meeting_code(found)})
    assert again.status_code == 400 and "already signed in" in again.json()["message"]
    assert Attendance.objects.count() == 1
    assert client.get(f"/api/v1/meetings/{found.pk}/").json()["signed_in"] is True


@pytest.mark.parametrize("code", ["000000", "", "x" * 65])
def test_a_wrong_or_missing_code_is_refused(world, meeting, residents, code):
    found = meeting()
    meeting_open(meeting=found, by=world.staff_a1)
    refused = english(residents[0]).post(f"/api/v1/meetings/{found.pk}/sign-in/", {"code": code})
    assert refused.status_code == 400 and refused.json()["code"] == "invalid"
    assert not Attendance.objects.exists()


def test_the_code_of_another_meeting_is_refused(world, meeting, residents):
    found, other = meeting(), meeting(title="另一场")
    meeting_open(meeting=found, by=world.staff_a1)
    refused = english(residents[0]).post(
        f"/api/v1/meetings/{found.pk}/sign-in/", {"code": meeting_code(other)}
    )
    assert refused.status_code == 400 and "another meeting" in refused.json()["message"]
    assert not Attendance.objects.exists()


def test_attendance_is_a_count_after_the_close_and_minutes_show_once_published(world, meeting, residents):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    client = english(residents[1])
    client.post(f"/api/v1/meetings/{found.pk}/sign-in/", {"code": meeting_code(found)})
    url = f"/api/v1/meetings/{found.pk}/"
    assert client.get(url).json()["attendees"] is None
    found = meeting_close(meeting=found, by=world.staff_a1)
    minutes_write(meeting=found, body="会议同意补种绿植。", by=world.staff_a1)
    minutes_submit(meeting=found, by=world.staff_a1)
    shown = client.get(url).json()
    assert (shown["status"], shown["attendees"], shown["minutes"]) == ("closed", 1, None)
    minutes_answer(meeting=found, user=residents[1], approve=True)
    assert client.get(url).json()["minutes"] == "会议同意补种绿植。"
    assert "attendance" not in shown


# query counts


def test_listing_meetings_costs_the_same_queries_as_they_grow(
    meeting, residents, django_assert_max_num_queries
):
    client = english(residents[0])
    for _ in range(2):
        registration_create(meeting=meeting(), user=residents[0])
    with django_assert_max_num_queries(8) as captured:
        assert len(client.get("/api/v1/meetings/").json()["results"]) == 2
    for _ in range(10):
        registration_create(meeting=meeting(), user=residents[1])
    with django_assert_max_num_queries(len(captured)):
        assert len(client.get("/api/v1/meetings/").json()["results"]) == 12
