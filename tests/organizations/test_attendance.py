from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.organizations.codes import activity_code
from apps.organizations.models import HoursCorrection, Signup
from apps.organizations.services.activities import signup_create
from apps.organizations.services.attendance import (
    check_in_by_code,
    check_in_by_organizer,
    check_out,
    hours_confirm,
    hours_correct,
)


@pytest.fixture
def service(club):
    """A two-hour volunteer service starting in ten minutes, the resident signed up."""
    activity = club.activity(starts_in=timedelta(minutes=10), hours=2)
    signup_create(activity=activity, user=club.resident)
    return activity


def test_the_current_code_checks_a_person_in(service, club):
    signup = check_in_by_code(activity=service, user=club.resident, code=activity_code(service))
    assert signup.checked_in_at is not None


def test_the_code_of_the_minute_before_is_still_accepted(service, club):
    code = activity_code(service)
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        assert check_in_by_code(activity=service, user=club.resident, code=code).checked_in_at


def test_an_expired_code_is_refused(service, club):
    code = activity_code(service)
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=3)),
        pytest.raises(ValidationError, match="expired"),
    ):
        check_in_by_code(activity=service, user=club.resident, code=code)


def test_the_code_of_another_activity_is_refused(service, club):
    other = club.activity(starts_in=timedelta(minutes=10))
    with pytest.raises(ValidationError, match="another activity"):
        check_in_by_code(activity=service, user=club.resident, code=activity_code(other))


def test_checking_in_twice_is_refused(service, club):
    check_in_by_code(activity=service, user=club.resident, code=activity_code(service))
    with pytest.raises(ValidationError, match="already"):
        check_in_by_code(activity=service, user=club.resident, code=activity_code(service))


def test_a_person_who_did_not_sign_up_cannot_check_in_by_code(service, club):
    with pytest.raises(ValidationError):
        check_in_by_code(activity=service, user=club.neighbour, code=activity_code(service))


def test_check_in_does_not_open_the_day_before(club):
    activity = club.activity(starts_in=timedelta(days=1))
    signup_create(activity=activity, user=club.resident)
    with pytest.raises(ValidationError):
        check_in_by_code(activity=activity, user=club.resident, code=activity_code(activity))


def test_the_organizer_checks_in_someone_on_the_waitlist_who_came(club):
    activity = club.activity(starts_in=timedelta(minutes=10), capacity=1)
    signup_create(activity=activity, user=club.resident)
    waiting = signup_create(activity=activity, user=club.neighbour)
    signup = check_in_by_organizer(signup=waiting, actor=club.volunteer)
    assert (signup.status, signup.checked_in_by) == (Signup.Status.CONFIRMED, club.volunteer)


def test_a_leader_of_another_organization_cannot_check_anyone_in(service, club):
    signup = Signup.objects.get(activity=service)
    with pytest.raises(PermissionDenied):
        check_in_by_organizer(signup=signup, actor=club.other_leader)


def _attend(service, club, *, arrive, leave):
    start = service.starts_at
    with time_machine.travel(start + arrive):
        check_in_by_code(activity=service, user=club.resident, code=activity_code(service))
    signup = Signup.objects.get(activity=service, user=club.resident)
    with time_machine.travel(start + leave):
        check_out(signup=signup, actor=club.resident)
    return signup


def test_confirmed_hours_run_from_arrival_to_leaving(service, club):
    signup = _attend(service, club, arrive=timedelta(minutes=-5), leave=timedelta(minutes=90))
    with time_machine.travel(service.ends_at + timedelta(minutes=1)):
        assert hours_confirm(activity=service, actor=club.leader) == 1
    signup.refresh_from_db()
    assert signup.hours == Decimal("1.5")


def test_hours_are_confirmed_only_once_the_activity_has_started(service, club):
    with time_machine.travel(service.starts_at - timedelta(minutes=1)), pytest.raises(ValidationError):
        hours_confirm(activity=service, actor=club.leader)


def test_hours_confirmed_while_the_activity_runs_count_until_then(service, club):
    with time_machine.travel(service.starts_at):
        check_in_by_code(activity=service, user=club.resident, code=activity_code(service))
    with time_machine.travel(service.starts_at + timedelta(minutes=45), tick=False):
        assert hours_confirm(activity=service, actor=club.leader) == 1
    assert Signup.objects.get(activity=service, user=club.resident).hours == Decimal("0.75")


def test_a_volunteer_cannot_confirm_hours(service, club):
    with time_machine.travel(service.ends_at + timedelta(minutes=1)), pytest.raises(PermissionDenied):
        hours_confirm(activity=service, actor=club.volunteer)


def test_a_correction_keeps_the_before_the_after_and_the_reason(service, club):
    signup = _attend(service, club, arrive=timedelta(0), leave=timedelta(minutes=60))
    with time_machine.travel(service.ends_at + timedelta(minutes=1)):
        hours_confirm(activity=service, actor=club.leader)
    hours_correct(signup=signup, hours=Decimal("2"), reason="忘记签退", actor=club.leader)
    correction = HoursCorrection.objects.get()
    assert (correction.previous, correction.hours, correction.reason, correction.actor) == (
        Decimal("1"),
        Decimal("2"),
        "忘记签退",
        club.leader,
    )


def test_a_correction_without_a_reason_is_refused(service, club):
    signup = _attend(service, club, arrive=timedelta(0), leave=timedelta(minutes=60))
    with pytest.raises(ValidationError):
        hours_correct(signup=signup, hours=Decimal("2"), reason=" ", actor=club.leader)


def test_the_leader_of_another_organization_cannot_correct_hours(service, club):
    signup = _attend(service, club, arrive=timedelta(0), leave=timedelta(minutes=60))
    with pytest.raises(PermissionDenied):
        hours_correct(signup=signup, hours=Decimal("5"), reason="改", actor=club.other_leader)


def test_a_phone_checks_in_through_the_scanned_link(client, service, club):
    client.force_login(club.resident)
    url = reverse("organizations:check_in", args=[service.pk])
    assert client.get(url, {"c": activity_code(service)}).status_code == 200
    client.post(url, {"c": activity_code(service)})
    assert Signup.objects.get(activity=service).checked_in_at is not None


def test_the_organizer_sees_the_code_screen_and_others_do_not(client, service, club):
    url = reverse("organizations:code", args=[service.pk])
    client.force_login(club.volunteer)
    assert b"<svg" in client.get(url).content
    client.force_login(club.resident)
    assert client.get(url).status_code == 404


def test_the_organizer_records_people_served_from_the_attendance_page(client, service, club):
    client.force_login(club.leader)
    client.post(
        reverse("organizations:attendance", args=[service.pk]), {"action": "served", "people_served": 35}
    )
    service.refresh_from_db()
    assert service.people_served == 35
