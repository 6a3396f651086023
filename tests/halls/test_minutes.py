"""Minutes (纪要): written by staff after the close, approved by those present; published once more
than half of the attendees approve the current version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import StaffAction
from apps.halls.meetings.minutes import minutes_answer, minutes_submit, minutes_write
from apps.halls.meetings.services import meeting_close, meeting_open, sign_in_by_staff
from apps.halls.models import MinutesApproval
from apps.notifications.models import Notification

from .conftest import resident_of


@pytest.fixture
def held(world, meeting, residents):
    """A closed meeting that three people attended: the two residents and a relative."""
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    relative = resident_of(world.households(world.community_a1)[0], "家人")
    for person in [*residents, relative]:
        sign_in_by_staff(meeting=found, user=person, by=world.staff_a1)
    return meeting_close(meeting=found, by=world.staff_a1), [*residents, relative]


def test_minutes_are_written_only_after_the_close(world, meeting):
    found = meeting_open(meeting=meeting(), by=world.staff_a1)
    with pytest.raises(ValidationError, match="closed"):
        minutes_write(meeting=found, body="纪要", by=world.staff_a1)


def test_staff_of_another_community_cannot_write_the_minutes(world, held):
    found, _people = held
    with pytest.raises(PermissionDenied):
        minutes_write(meeting=found, body="纪要", by=world.staff_b1)


def test_the_minutes_are_published_when_more_than_half_of_those_present_approve(
    world, held, django_capture_on_commit_callbacks
):
    found, people = held
    minutes_write(meeting=found, body="会议同意补种绿植。", by=world.staff_a1)
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_submit(meeting=found, by=world.staff_a1)
    assert Notification.objects.filter(key=f"halls.meeting.{found.pk}.minutes.v1").count() == 3
    minutes_answer(meeting=found, user=people[0], approve=True)
    minutes.refresh_from_db()
    assert minutes.status == "pending"  # one of three is not a majority
    minutes_answer(meeting=found, user=people[1], approve=True)
    minutes.refresh_from_db()
    assert minutes.status == "published" and minutes.published_at
    assert StaffAction.objects.filter(action="halls.approve_minutes").count() == 2
    assert StaffAction.objects.filter(action="halls.publish_minutes", object_id=minutes.pk).exists()


def test_someone_absent_cannot_approve_and_an_attendee_answers_once(world, held, residents):
    found, people = held
    minutes_write(meeting=found, body="纪要", by=world.staff_a1)
    minutes_submit(meeting=found, by=world.staff_a1)
    absent = resident_of(world.households(world.community_a1)[1], "缺席者")
    with pytest.raises(ValidationError, match="signed in at the meeting"):
        minutes_answer(meeting=found, user=absent, approve=True)
    minutes_answer(meeting=found, user=people[0], approve=True)
    with pytest.raises(ValidationError, match="already answered"):
        minutes_answer(meeting=found, user=people[0], approve=True)
    assert MinutesApproval.objects.count() == 1


def test_an_objection_needs_its_reason_and_is_kept(world, held):
    found, people = held
    minutes_write(meeting=found, body="纪要", by=world.staff_a1)
    minutes_submit(meeting=found, by=world.staff_a1)
    with pytest.raises(ValidationError, match="what is wrong"):
        minutes_answer(meeting=found, user=people[0], approve=False)
    minutes_answer(meeting=found, user=people[0], approve=False, note="漏记了反对意见")
    assert MinutesApproval.objects.get().note == "漏记了反对意见"


def test_revising_pending_minutes_makes_a_new_version_whose_approvals_start_afresh(world, held):
    found, people = held
    minutes_write(meeting=found, body="第一稿", by=world.staff_a1)
    minutes_submit(meeting=found, by=world.staff_a1)
    minutes_answer(meeting=found, user=people[0], approve=True)
    revised = minutes_write(meeting=found, body="第二稿", by=world.staff_a1)
    assert (revised.version, revised.status) == (2, "draft")
    minutes_submit(meeting=found, by=world.staff_a1)
    minutes_answer(meeting=found, user=people[0], approve=True)
    revised.refresh_from_db()
    assert revised.status == "pending"
    assert MinutesApproval.objects.filter(user=people[0]).count() == 2  # both answers are kept


def test_published_minutes_never_change(world, held):
    found, people = held
    minutes_write(meeting=found, body="纪要", by=world.staff_a1)
    minutes_submit(meeting=found, by=world.staff_a1)
    for person in people[:2]:
        minutes_answer(meeting=found, user=person, approve=True)
    with pytest.raises(ValidationError, match="cannot be changed"):
        minutes_write(meeting=found, body="改过的纪要", by=world.staff_a1)


def test_minutes_of_a_meeting_no_one_attended_cannot_be_put_to_approval(world, meeting):
    found = meeting_close(meeting=meeting_open(meeting=meeting(), by=world.staff_a1), by=world.staff_a1)
    minutes_write(meeting=found, body="无人到会", by=world.staff_a1)
    with pytest.raises(ValidationError, match="No one signed in"):
        minutes_submit(meeting=found, by=world.staff_a1)
