"""
Meetings of four communities: a person of another community sees and changes no meeting — through
the queryset twins, the predicates, the pages and the admin — and every predicate agrees with its
queryset twin on every object.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.access.permissions import PERMISSION_ROLES
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.access.visibility import visible_to
from apps.halls.meetings.minutes import minutes_answer, minutes_submit, minutes_write
from apps.halls.meetings.representatives import representative_name
from apps.halls.meetings.services import (
    meeting_close,
    meeting_invite,
    meeting_open,
    meeting_schedule,
    registration_create,
    sign_in_by_staff,
)
from apps.halls.models import (
    AgendaItem,
    Attendance,
    HouseholdRepresentative,
    Invitation,
    Meeting,
    MeetingAttachment,
    Minutes,
    MinutesApproval,
    Registration,
)
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from tests.factories import UserFactory
from tests.scoping import assert_twin_agrees, objects_below, world_personas

MODELS = [
    Meeting,
    AgendaItem,
    Invitation,
    Registration,
    Attendance,
    Minutes,
    MinutesApproval,
    MeetingAttachment,
    HouseholdRepresentative,
]


@pytest.fixture
def meetings(world):
    """In each community: a meeting held (agenda, invitation, registration, attendance, minutes put to
    approval and approved once, an attachment), one still scheduled, and a household representative."""
    made = {}
    staff = {
        world.community_a1.pk: world.staff_a1,
        world.community_a2.pk: world.staff_a2,
        world.community_b1.pk: world.staff_b1,
    }
    for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
        clerk = staff.get(community.pk) or UserFactory()
        if community.pk not in staff:
            role_grant(user=clerk, role=Role.COMMUNITY_STAFF, place=community)
        people = []
        for household in world.households(community):
            person = UserFactory()
            role_grant(user=person, role=Role.RESIDENT, place=household)
            people.append(person)
        hall = hall_for(community)
        topic = topic_raise(hall=hall, user=people[0], title=f"{community.name}议题", body="…")
        start = timezone.now() + timedelta(minutes=30)
        held = meeting_schedule(
            meeting=Meeting(
                hall=hall,
                title=f"{community.name}议事会",
                venue="活动室",
                starts_at=start,
                ends_at=start + timedelta(hours=1),
            ),
            by=clerk,
            topics=[topic],
        )
        meeting_invite(meeting=held, users=people, by=clerk)
        registration_create(meeting=held, user=people[0])
        held = meeting_open(meeting=held, by=clerk)
        for person in people:
            sign_in_by_staff(meeting=held, user=person, by=clerk)
        held = meeting_close(meeting=held, by=clerk)
        minutes_write(meeting=held, body="纪要", by=clerk)
        minutes_submit(meeting=held, by=clerk)
        minutes_answer(meeting=held, user=people[0], approve=True)
        MeetingAttachment.objects.create(meeting=held, title="签到表", file="halls/meetings/sheet.pdf")
        upcoming = meeting_schedule(
            meeting=Meeting(
                hall=hall,
                title="下次议事会",
                venue="活动室",
                starts_at=start,
                ends_at=start + timedelta(hours=1),
            ),
            by=clerk,
        )
        representative_name(hall=hall, household=world.households(community)[0], user=people[0], by=clerk)
        made[community.pk] = {"held": held, "upcoming": upcoming, "people": people}
    return made


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree_on_every_object(world, meetings, participants, model):
    assert_twin_agrees(model, world_personas(world) + participants.people())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_their_own_and_nothing_of_other_communities(world, meetings, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    own = {obj.pk for obj in objects_below(model, world.community_a1)}
    assert own and own <= visible
    for other in (world.community_a2, world.community_b1, world.community_b2):
        assert not visible & {obj.pk for obj in objects_below(model, other)}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_may_change_nothing_of_other_communities(world, meetings, model):
    perms = [p for p in PERMISSION_ROLES if p.startswith("halls.") and not p.startswith("halls.view_")]
    for other in (world.community_a2, world.community_b1):
        for obj in objects_below(model, other):
            for perm in perms:
                assert not world.staff_a1.has_perm(perm, obj), (perm, obj)


def test_a_resident_holds_no_staff_right_on_meetings_and_reads_them_through_the_pages(world, meetings):
    person = meetings[world.community_a1.pk]["people"][0]
    for model in MODELS:
        assert not visible_to(person, model.objects.all()).exists(), model


PAGES = [
    ("get", "halls:meeting", "held"),
    ("get", "halls:meeting_sign_in", "held"),
    ("post", "halls:meeting_register", "upcoming"),
    ("post", "halls:meeting_unregister", "upcoming"),
    ("post", "halls:meeting_cancel", "upcoming"),
    ("post", "halls:minutes_answer", "held"),
    ("get", "halls:meeting_code", "upcoming"),
    ("post", "halls:meeting_code", "upcoming"),
    ("get", "halls:meeting_attendance", "held"),
    ("get", "halls:meeting_minutes", "held"),
    ("post", "halls:meeting_minutes", "held"),
]


@pytest.mark.parametrize(("method", "name", "which"), PAGES, ids=[f"{m} {n}" for m, n, _w in PAGES])
def test_pages_of_another_communitys_meeting_are_not_found_and_change_nothing(
    client, world, meetings, method, name, which
):
    target = meetings[world.community_a1.pk][which]
    data = {"action": "open", "answer": "approve", "body": "篡改", "c": "x", "reason": "篡改"}
    before = (Registration.objects.count(), Attendance.objects.count(), MinutesApproval.objects.count())
    for person in (world.staff_b1, world.outsider, world.staff_a2):
        client.force_login(person)
        response = getattr(client, method)(reverse(name, args=[target.pk]), data)
        assert response.status_code == 404, (person, name)
    after = (Registration.objects.count(), Attendance.objects.count(), MinutesApproval.objects.count())
    assert after == before
    target.refresh_from_db()
    assert (
        target.status in ("scheduled", "closed")
        and Minutes.objects.get(meeting=meetings[world.community_a1.pk]["held"]).body == "纪要"
    )


def test_an_attachment_of_another_community_is_not_found(client, world, meetings):
    attachment = MeetingAttachment.objects.get(meeting=meetings[world.community_a1.pk]["held"])
    client.force_login(world.outsider)
    assert client.get(reverse("halls:meeting_attachment", args=[attachment.pk])).status_code == 404


ADMIN_LISTS = {
    model: f"admin:halls_{model._meta.model_name}_changelist" for model in MODELS if model is not AgendaItem
}


@pytest.mark.parametrize("model", list(ADMIN_LISTS), ids=lambda m: m.__name__)
def test_the_admin_list_shows_staff_their_own_and_nothing_of_other_communities(
    client, world, meetings, model
):
    client.force_login(world.staff_a1)
    response = client.get(reverse(ADMIN_LISTS[model]))
    assert response.status_code == 200
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {obj.pk for obj in objects_below(model, world.community_a1)}


@pytest.mark.parametrize("model", [Meeting, HouseholdRepresentative], ids=lambda m: m.__name__)
def test_the_admin_change_page_of_another_communitys_object_is_not_found(client, world, meetings, model):
    foreign = objects_below(model, world.community_b1)[0]
    client.force_login(world.staff_a1)
    url = reverse(ADMIN_LISTS[model].replace("changelist", "change"), args=[foreign.pk])
    response = client.get(url, follow=True)
    assert response.status_code == 404 or response.redirect_chain[-1][0] == reverse("admin:index")
    client.post(url, {"title": "改名", "venue": "别处"}, follow=True)
    columns = [field.attname for field in model._meta.concrete_fields]
    assert model.objects.filter(pk=foreign.pk).values(*columns).get() == {
        c: getattr(foreign, c) for c in columns
    }


def test_the_admin_offers_only_the_staffs_own_halls_when_calling_a_meeting(client, world, meetings):
    client.force_login(world.staff_a1)
    form = client.get(reverse("admin:halls_meeting_add")).context["adminform"].form
    assert {hall.place for hall in form.fields["hall"].queryset} == {world.community_a1}
