"""Meetings (议事会): calling, invitations, registration with capacity and waitlist, sign-in at the
venue by the rotating code or by staff, the attendance list, and votes of those present."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.audit.models import StaffAction
from apps.core.codes import window_at
from apps.halls.meetings.codes import meeting_code
from apps.halls.meetings.services import (
    meeting_cancel,
    meeting_close,
    meeting_invite,
    meeting_open,
    meeting_schedule,
    registration_cancel,
    registration_create,
    sign_in_by_code,
    sign_in_by_staff,
)
from apps.halls.models import AgendaItem, Attendance, Elector, Invitation, Meeting, Registration
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import ballot_cast, vote_create, vote_open
from apps.notifications.models import Notification
from tests.factories import UserFactory

from .conftest import resident_of


def in_session(meeting, by):
    return meeting_open(meeting=meeting, by=by)


def test_a_meeting_is_called_with_its_agenda_and_the_calling_is_audited(world, hall, residents):
    topic = topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="…")
    meeting = meeting_schedule(
        meeting=Meeting(
            hall=hall,
            title="五月议事会",
            venue="社区活动室",
            online_url="https://meeting.example.cn/123",
            starts_at=timezone.now() + timedelta(days=2),
            ends_at=timezone.now() + timedelta(days=2, hours=2),
            capacity=20,
        ),
        by=world.staff_a1,
        topics=[topic],
    )
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("topic", flat=True)) == [topic.pk]
    assert StaffAction.objects.filter(action="halls.schedule_meeting", object_id=meeting.pk).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"venue": "", "online_url": ""}, "venue, the online link"),
        ({"ends_at": timezone.now()}, "ends after it starts"),
    ],
)
def test_a_meeting_without_a_place_or_with_its_end_before_its_start_is_refused(meeting, fields, message):
    with pytest.raises(ValidationError, match=message):
        meeting(**fields)
    assert not Meeting.objects.exists()


def test_a_meeting_in_the_past_is_refused(meeting):
    with pytest.raises(ValidationError, match="before it starts"):
        meeting(starts_at=timezone.now() - timedelta(hours=1))


def test_the_agenda_takes_only_topics_of_the_meetings_hall(world, hall, residents):
    from apps.halls.services import hall_for

    other = hall_for(world.community_a2)
    clerk = world.staff_a2
    foreign = topic_raise(hall=other, user=clerk, title="别处的议题", body="…")
    with pytest.raises(ValidationError, match="own hall"):
        meeting_schedule(
            meeting=Meeting(
                hall=hall,
                title="议事会",
                venue="活动室",
                starts_at=timezone.now() + timedelta(days=1),
                ends_at=timezone.now() + timedelta(days=1, hours=1),
            ),
            by=world.staff_a1,
            topics=[foreign],
        )


def test_staff_of_another_community_cannot_call_a_meeting_here(world, hall):
    with pytest.raises(PermissionDenied):
        meeting_schedule(
            meeting=Meeting(
                hall=hall,
                title="越权",
                venue="活动室",
                starts_at=timezone.now() + timedelta(days=1),
                ends_at=timezone.now() + timedelta(days=1, hours=1),
            ),
            by=world.staff_b1,
        )


def test_invitations_tell_each_council_member_once_and_pass_over_outsiders(
    world, meeting, django_capture_on_commit_callbacks
):
    member = UserFactory(display_name="居民代表")
    role_grant(user=member, role=Role.COUNCIL_MEMBER, place=world.compound(world.community_a1))
    found = meeting()
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_invite(meeting=found, users=[member, world.outsider], by=world.staff_a1) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_invite(meeting=found, users=[member], by=world.staff_a1) == 0
    assert list(Invitation.objects.values_list("user", flat=True)) == [member.pk]
    assert Notification.objects.filter(user=member, key=f"halls.meeting.{found.pk}.invited").count() == 1


def test_a_member_registers_and_a_second_registration_is_refused(meeting, residents):
    found = meeting(capacity=5)
    assert registration_create(meeting=found, user=residents[0]).status == Registration.Status.CONFIRMED
    with pytest.raises(ValidationError, match="already registered"):
        registration_create(meeting=found, user=residents[0])
    assert Registration.objects.count() == 1


def test_someone_of_another_community_cannot_register(world, meeting):
    with pytest.raises(ValidationError, match="members of its hall"):
        registration_create(meeting=meeting(), user=world.outsider)
    assert not Registration.objects.exists()


def test_an_invited_only_meeting_takes_the_invited_only(world, meeting, residents):
    found = meeting(invited_only=True)
    with pytest.raises(ValidationError, match="invited people only"):
        registration_create(meeting=found, user=residents[0])
    meeting_invite(meeting=found, users=[residents[0]], by=world.staff_a1)
    assert registration_create(meeting=found, user=residents[0]).status == Registration.Status.CONFIRMED


def test_past_the_capacity_people_wait_and_the_first_waiting_moves_up_when_a_place_frees(
    world, meeting, residents, django_capture_on_commit_callbacks
):
    third = resident_of(world.households(world.community_a1)[0], "第三位")
    found = meeting(capacity=1)
    registration_create(meeting=found, user=residents[0])
    assert registration_create(meeting=found, user=residents[1]).status == Registration.Status.WAITLISTED
    registration_create(meeting=found, user=third)
    with django_capture_on_commit_callbacks(execute=True):
        moved = registration_cancel(meeting=found, user=residents[0])
    assert moved.user == residents[1] and moved.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(user=third).status == Registration.Status.WAITLISTED
    assert Notification.objects.filter(user=residents[1], key__contains="moved_up").exists()


def test_a_full_meeting_without_a_waitlist_refuses(meeting, residents):
    found = meeting(capacity=1, waitlist=False)
    registration_create(meeting=found, user=residents[0])
    with pytest.raises(ValidationError, match="full"):
        registration_create(meeting=found, user=residents[1])


def test_registration_closes_when_the_meeting_starts(meeting, residents):
    found = meeting()
    with time_machine.travel(found.starts_at), pytest.raises(ValidationError, match="closed"):
        registration_create(meeting=found, user=residents[0])


def test_a_cancelled_meeting_tells_those_registered_and_takes_no_one(
    world, meeting, residents, django_capture_on_commit_callbacks
):
    found = meeting()
    registration_create(meeting=found, user=residents[0])
    with pytest.raises(ValidationError, match="reason"):
        meeting_cancel(meeting=found, by=world.staff_a1, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=found, by=world.staff_a1, reason="场地停电")
    assert Notification.objects.get(user=residents[0]).body == "场地停电"
    with pytest.raises(ValidationError, match="closed"):
        registration_create(meeting=found, user=residents[1])


def test_a_meeting_opens_at_most_an_hour_before_its_start_and_the_opening_is_audited(world, meeting):
    found = meeting(starts_at=timezone.now() + timedelta(hours=3))
    with pytest.raises(ValidationError, match="an hour before"):
        meeting_open(meeting=found, by=world.staff_a1)
    with time_machine.travel(found.starts_at - timedelta(minutes=59)):
        meeting_open(meeting=found, by=world.staff_a1)
    assert StaffAction.objects.filter(
        action="halls.open_meeting", object_id=found.pk, actor=world.staff_a1
    ).exists()


def test_the_venue_code_signs_a_registered_person_in_once(world, meeting, residents):
    found = in_session(meeting(capacity=10), world.staff_a1)
    registration_create(meeting=meeting(), user=residents[0])  # another meeting: no place here
    with pytest.raises(ValidationError, match="not registered"):
        sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(found))
    Registration.objects.create(meeting=found, user=residents[0], status=Registration.Status.CONFIRMED)
    sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(found))
    with pytest.raises(ValidationError, match="already signed in"):
        sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(found))
    assert Attendance.objects.filter(meeting=found).count() == 1


def test_the_code_of_the_minute_before_still_works_but_not_older_ones(world, meeting, residents):
    found = in_session(meeting(), world.staff_a1)
    stale = meeting_code(found, window=window_at() - 2)
    with pytest.raises(ValidationError, match="expired"):
        sign_in_by_code(meeting=found, user=residents[0], code=stale)
    sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(found, window=window_at() - 1))
    assert Attendance.objects.filter(meeting=found, user=residents[0]).exists()


def test_the_code_of_another_meeting_is_refused(world, meeting, residents):
    found, other = in_session(meeting(), world.staff_a1), meeting()
    with pytest.raises(ValidationError, match="another meeting"):
        sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(other))
    assert not Attendance.objects.exists()


def test_sign_in_waits_for_the_opening_and_ends_at_the_close(world, meeting, residents):
    found = meeting()
    with pytest.raises(ValidationError, match="open the meeting"):
        sign_in_by_code(meeting=found, user=residents[0], code=meeting_code(found))
    in_session(found, world.staff_a1)
    meeting_close(meeting=found, by=world.staff_a1)
    with pytest.raises(ValidationError, match="over"):
        sign_in_by_staff(meeting=found, user=residents[0], by=world.staff_a1)


def test_staff_sign_in_someone_without_a_phone_and_it_is_audited(world, meeting, residents):
    found = in_session(meeting(capacity=1), world.staff_a1)
    attendance = sign_in_by_staff(meeting=found, user=residents[1], by=world.staff_a1)
    assert attendance.method == Attendance.Method.STAFF and attendance.signed_in_by == world.staff_a1
    entry = StaffAction.objects.get(action="halls.sign_in")
    assert (entry.actor, entry.object_id, entry.detail) == (
        world.staff_a1,
        str(found.pk),
        f"person #{residents[1].pk}",
    )


def test_staff_cannot_sign_in_an_outsider_nor_sign_in_at_another_communitys_meeting(
    world, meeting, residents
):
    found = in_session(meeting(), world.staff_a1)
    with pytest.raises(ValidationError, match="not a member"):
        sign_in_by_staff(meeting=found, user=world.outsider, by=world.staff_a1)
    with pytest.raises(PermissionDenied):
        sign_in_by_staff(meeting=found, user=residents[0], by=world.staff_b1)
    assert not Attendance.objects.exists()


def test_closing_makes_the_attendance_list_final_and_is_audited(world, meeting, residents):
    found = in_session(meeting(), world.staff_a1)
    for person in residents:
        sign_in_by_staff(meeting=found, user=person, by=world.staff_a1)
    closed = meeting_close(meeting=found, by=world.staff_a1)
    assert closed.attendees == 2
    assert StaffAction.objects.get(action="halls.close_meeting").detail == "2"


def test_a_vote_of_those_present_freezes_the_attendees_at_opening(world, hall, meeting, residents):
    found = in_session(meeting(), world.staff_a1)
    sign_in_by_staff(meeting=found, user=residents[0], by=world.staff_a1)
    now = timezone.now()
    vote = vote_create(
        hall=hall,
        by=world.staff_a1,
        title="通过议程",
        rule="attendees",
        meeting=found,
        opens_at=now,
        closes_at=now + timedelta(hours=1),
    )
    vote_open(vote=vote, by=world.staff_a1)
    sign_in_by_staff(meeting=found, user=residents[1], by=world.staff_a1)  # came late
    assert [e.member for e in Elector.objects.filter(vote=vote)] == [residents[0]]
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=residents[1], choices=[1])


def test_a_vote_of_those_present_needs_its_meeting_and_someone_signed_in(world, hall, meeting):
    now = timezone.now()
    fields = {"title": "表决", "rule": "attendees", "opens_at": now, "closes_at": now + timedelta(hours=1)}
    with pytest.raises(ValidationError, match="Name the meeting"):
        vote_create(hall=hall, by=world.staff_a1, **fields)
    vote = vote_create(hall=hall, by=world.staff_a1, meeting=meeting(), **fields)
    with pytest.raises(ValidationError, match="in session"):
        vote_open(vote=vote, by=world.staff_a1)
    in_session(vote.meeting, world.staff_a1)
    with pytest.raises(ValidationError, match="No one has signed in"):
        vote_open(vote=vote, by=world.staff_a1)


def test_the_schedule_passes_over_a_vote_of_those_present_while_no_one_has_signed_in(world, hall, meeting):
    from apps.halls.tasks import open_due_votes

    now = timezone.now()
    vote = vote_create(
        hall=hall,
        by=world.staff_a1,
        title="表决",
        rule="attendees",
        meeting=meeting(),
        opens_at=now,
        closes_at=now + timedelta(hours=1),
    )
    assert open_due_votes() == 0
    vote.refresh_from_db()
    assert vote.status == "draft"
