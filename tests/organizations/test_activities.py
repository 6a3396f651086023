from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.notifications.models import Notification
from apps.organizations.models import Activity, Signup
from apps.organizations.services.activities import activity_publish, signup_cancel, signup_create


def test_a_resident_of_the_community_signs_up(club):
    activity = club.activity()
    assert signup_create(activity=activity, user=club.resident).status == Signup.Status.CONFIRMED


def test_signing_up_twice_is_refused(club):
    activity = club.activity()
    signup_create(activity=activity, user=club.resident)
    with pytest.raises(ValidationError, match="already"):
        signup_create(activity=activity, user=club.resident)


def test_past_capacity_a_person_goes_on_the_waitlist(club):
    activity = club.activity(capacity=1)
    signup_create(activity=activity, user=club.resident)
    assert signup_create(activity=activity, user=club.neighbour).status == Signup.Status.WAITLISTED


def test_past_capacity_without_a_waitlist_sign_up_is_refused(club):
    activity = club.activity(capacity=1, waitlist=False)
    signup_create(activity=activity, user=club.resident)
    with pytest.raises(ValidationError, match="full"):
        signup_create(activity=activity, user=club.neighbour)


def test_signing_up_after_the_start_is_refused(club):
    activity = club.activity(starts_in=timedelta(hours=1))
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)), pytest.raises(ValidationError):
        signup_create(activity=activity, user=club.resident)


def test_a_members_only_activity_refuses_a_resident_who_is_not_a_member(club):
    activity = club.activity(audience=Activity.Audience.MEMBERS)
    with pytest.raises(ValidationError, match="members only"):
        signup_create(activity=activity, user=club.resident)
    assert signup_create(activity=activity, user=club.volunteer).status == Signup.Status.CONFIRMED


def test_a_resident_of_another_community_cannot_sign_up(club, world):
    activity = club.activity()
    with pytest.raises(ValidationError):
        signup_create(activity=activity, user=world.outsider)


def test_cancelling_moves_the_first_on_the_waitlist_up(club, world):
    activity = club.activity(capacity=1)
    first = signup_create(activity=activity, user=club.resident)
    waiting = signup_create(activity=activity, user=club.neighbour)
    role_grant(user=world.outsider, role=Role.ORGANIZATION_MEMBER, organization=club.team)
    signup_create(activity=activity, user=world.outsider)
    moved = signup_cancel(signup=first, user=club.resident)
    assert moved == waiting
    waiting.refresh_from_db()
    assert waiting.status == Signup.Status.CONFIRMED
    assert Notification.objects.filter(user=club.neighbour).exists()


def test_cancelling_after_the_start_is_refused(club):
    activity = club.activity(starts_in=timedelta(minutes=5))
    mine = signup_create(activity=activity, user=club.resident)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)), pytest.raises(ValidationError):
        signup_cancel(signup=mine, user=club.resident)


def test_someone_else_cannot_cancel_my_sign_up(club):
    mine = signup_create(activity=club.activity(), user=club.resident)
    with pytest.raises(PermissionDenied):
        signup_cancel(signup=mine, user=club.neighbour)


def test_a_person_who_cancelled_may_sign_up_again_at_the_end_of_the_queue(club):
    activity = club.activity(capacity=1)
    mine = signup_create(activity=activity, user=club.resident)
    signup_cancel(signup=mine, user=club.resident)
    signup_create(activity=activity, user=club.neighbour)
    assert signup_create(activity=activity, user=club.resident).status == Signup.Status.WAITLISTED


def test_a_leader_publishes_an_activity(club):
    starts_at = timezone.now() + timedelta(days=2)
    activity = activity_publish(
        organization=club.team,
        actor=club.leader,
        kind="class",
        title="书法课",
        venue="活动室",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=20,
    )
    assert activity.pk and activity.created_by == club.leader


def test_a_leader_of_another_organization_cannot_publish_for_it(club):
    starts_at = timezone.now() + timedelta(days=2)
    with pytest.raises(PermissionDenied):
        activity_publish(
            organization=club.team,
            actor=club.other_leader,
            title="书法课",
            venue="活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=20,
        )


def test_an_organization_awaiting_filing_cannot_publish(club, world):
    club.team.status = "applied"
    club.team.save()
    starts_at = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError):
        activity_publish(
            organization=club.team,
            actor=club.leader,
            title="书法课",
            venue="活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=20,
        )
