"""
Cancelling a meeting (议事会): by the staff who run it, from its page or from the admin, with a
reason that everyone who can see the meeting reads on its page and that those registered are sent.
A closed meeting stays closed; a resident, or anyone of another community, cancels nothing.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.audit.models import StaffAction
from apps.halls.meetings.services import (
    meeting_cancel,
    meeting_close,
    meeting_open,
    registration_cancel,
    registration_create,
)
from apps.halls.models import Meeting
from apps.notifications.models import Notification

REASON = "活动室停电，改期另行通知"


@pytest.fixture
def client(client):
    """Pages answer in English here, so messages are matched by their msgids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def called(meeting, residents):
    """A meeting of hall 甲1 with one place: the first resident holds it, the second waits."""
    found = meeting(capacity=1)
    registration_create(meeting=found, user=residents[0])
    registration_create(meeting=found, user=residents[1])
    return found


def status_of(meeting) -> str:
    return Meeting.objects.values_list("status", flat=True).get(pk=meeting.pk)


# -- the service --


def test_staff_cancel_a_meeting_and_its_reason_and_time_are_kept_and_audited(world, called):
    meeting_cancel(meeting=called, by=world.staff_a1, reason=f"  {REASON}\n")
    called.refresh_from_db()
    assert (called.status, called.cancel_reason) == ("cancelled", REASON)
    assert called.cancelled_at is not None
    assert StaffAction.objects.filter(
        action="halls.cancel_meeting", object_id=called.pk, actor=world.staff_a1, detail=REASON
    ).exists()


def test_those_registered_or_waiting_are_told_why_and_those_who_withdrew_are_not(
    world, called, residents, django_capture_on_commit_callbacks
):
    registration_cancel(meeting=called, user=residents[0])  # the second moves up
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    told = Notification.objects.filter(key=f"halls.meeting.{called.pk}.cancelled")
    assert [(n.user, n.body) for n in told] == [(residents[1], REASON)]


def test_a_meeting_in_session_can_still_be_called_off(world, called):
    meeting_open(meeting=called, by=world.staff_a1)
    meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    assert status_of(called) == "cancelled"


def test_a_closed_meeting_cannot_be_cancelled(world, called):
    meeting_close(meeting=meeting_open(meeting=called, by=world.staff_a1), by=world.staff_a1)
    with pytest.raises(ValidationError, match="closed meeting cannot be cancelled"):
        meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    assert status_of(called) == "closed"


def test_a_meeting_is_cancelled_once(world, called):
    meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    with pytest.raises(ValidationError, match="already cancelled"):
        meeting_cancel(meeting=called, by=world.staff_a1, reason="再取消一次")
    called.refresh_from_db()
    assert called.cancel_reason == REASON


def test_a_meeting_is_not_cancelled_without_a_reason(world, called):
    with pytest.raises(ValidationError, match="reason"):
        meeting_cancel(meeting=called, by=world.staff_a1, reason=" \n ")
    assert status_of(called) == "scheduled"


@pytest.mark.parametrize("persona", ["resident", "staff_a2", "staff_b1", "outsider"])
def test_only_the_staff_who_run_the_meeting_may_cancel_it(world, called, residents, persona):
    person = residents[0] if persona == "resident" else getattr(world, persona)
    with pytest.raises(PermissionDenied):
        meeting_cancel(meeting=called, by=person, reason=REASON)
    assert status_of(called) == "scheduled"


# -- the meeting page --


def test_the_staff_see_a_cancel_form_on_the_meeting_page_and_residents_do_not(
    client, world, called, residents
):
    url = reverse("halls:meeting", args=[called.pk])
    client.force_login(world.staff_a1)
    assert 'name="reason"' in client.get(url).content.decode()
    client.force_login(residents[0])
    assert 'name="reason"' not in client.get(url).content.decode()


def test_staff_cancel_from_the_meeting_page_and_those_registered_are_told(
    client, world, called, residents, django_capture_on_commit_callbacks
):
    client.force_login(world.staff_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("halls:meeting_cancel", args=[called.pk]), {"reason": REASON}, follow=True
        )
    body = response.content.decode()
    assert "The meeting is cancelled" in body and REASON in body
    assert 'name="reason"' not in body  # nothing left to cancel
    assert status_of(called) == "cancelled"
    assert set(Notification.objects.values_list("user", flat=True)) == {residents[0].pk, residents[1].pk}


def test_everyone_who_can_see_the_meeting_reads_that_it_is_cancelled_and_why(
    client, world, called, residents
):
    meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    client.force_login(residents[1])
    body = client.get(reverse("halls:meeting", args=[called.pk])).content.decode()
    assert "This meeting is cancelled" in body and f"Reason: {REASON}" in body
    assert "Cancel my registration" not in body and "My place" not in body


def test_cancelling_from_the_page_without_a_reason_is_refused_with_a_message(client, world, called):
    client.force_login(world.staff_a1)
    response = client.post(reverse("halls:meeting_cancel", args=[called.pk]), {"reason": " "}, follow=True)
    assert "Give the reason for cancelling." in response.content.decode()
    assert status_of(called) == "scheduled"


def test_cancelling_a_closed_meeting_from_the_page_is_refused_with_a_message(client, world, called):
    meeting_close(meeting=meeting_open(meeting=called, by=world.staff_a1), by=world.staff_a1)
    client.force_login(world.staff_a1)
    response = client.post(reverse("halls:meeting_cancel", args=[called.pk]), {"reason": REASON}, follow=True)
    assert "a closed meeting cannot be cancelled" in response.content.decode()
    assert status_of(called) == "closed"


def test_a_resident_who_posts_the_cancel_form_is_refused_with_a_message(client, called, residents):
    client.force_login(residents[0])
    response = client.post(reverse("halls:meeting_cancel", args=[called.pk]), {"reason": REASON}, follow=True)
    assert "Only the staff who run this meeting may cancel it." in response.content.decode()
    assert status_of(called) == "scheduled"


@pytest.mark.parametrize("persona", ["outsider", "staff_b1"])
def test_a_person_without_a_role_in_the_place_can_neither_see_nor_cancel_the_meeting(
    client, world, called, persona
):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("halls:meeting", args=[called.pk])).status_code == 404
    response = client.post(reverse("halls:meeting_cancel", args=[called.pk]), {"reason": REASON})
    assert response.status_code == 404
    assert status_of(called) == "scheduled"


def test_the_page_of_a_cancelled_meeting_takes_no_more_queries(
    client, world, called, django_assert_max_num_queries
):
    meeting_cancel(meeting=called, by=world.staff_a1, reason=REASON)
    client.force_login(world.staff_a1)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("halls:meeting", args=[called.pk])).status_code == 200


# -- the admin --


def admin_action(client, *meetings, **extra):
    data = {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [m.pk for m in meetings], **extra}
    return client.post(reverse("admin:halls_meeting_changelist"), data, follow=True)


def test_the_admin_action_first_asks_for_the_reason(client, world, called):
    client.force_login(world.staff_a1)
    response = admin_action(client, called)
    assert response.status_code == 200 and 'name="reason"' in response.content.decode()
    assert called.title in response.content.decode()
    assert status_of(called) == "scheduled"


def test_the_admin_action_cancels_the_selected_meetings_with_the_reason(
    client, world, called, meeting, django_capture_on_commit_callbacks
):
    other = meeting(title="七月议事会")
    client.force_login(world.staff_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_action(client, called, other, apply="1", reason=REASON)
    assert "2 meetings cancelled." in response.content.decode()
    assert set(Meeting.objects.values_list("status", "cancel_reason")) == {("cancelled", REASON)}
    assert Notification.objects.filter(key=f"halls.meeting.{called.pk}.cancelled").count() == 2


def test_the_admin_action_refuses_an_empty_reason(client, world, called):
    client.force_login(world.staff_a1)
    response = admin_action(client, called, apply="1", reason="")
    assert response.context["form"].errors
    assert status_of(called) == "scheduled"


def test_the_admin_action_names_each_meeting_it_could_not_cancel(client, world, called, meeting):
    closed = meeting(title="已开过的议事会")
    meeting_close(meeting=meeting_open(meeting=closed, by=world.staff_a1), by=world.staff_a1)
    client.force_login(world.staff_a1)
    body = admin_action(client, called, closed, apply="1", reason=REASON).content.decode()
    assert "1 meeting cancelled." in body
    assert "已开过的议事会: This meeting has closed: a closed meeting cannot be cancelled." in body
    assert (status_of(called), status_of(closed)) == ("cancelled", "closed")


def test_staff_of_another_community_cannot_cancel_through_the_admin(client, world, called):
    client.force_login(world.staff_b1)
    response = admin_action(client, called, apply="1", reason=REASON)
    assert "None of the selected meetings was found" in response.content.decode()
    assert status_of(called) == "scheduled"


def test_a_person_without_a_staff_role_cannot_reach_the_admin_action(client, world, called, residents):
    for person in (world.outsider, residents[0]):
        client.force_login(person)
        response = admin_action(client, called, apply="1", reason=REASON)
        assert reverse("admin:halls_meeting_changelist") not in response.redirect_chain[-1][0]
    assert status_of(called) == "scheduled"
