"""The audit log: what staff did, where, when and from which address — seen only by the staff of
that place and the officials above it, changed by no one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.services import residency_claim, residency_verify
from apps.audit.models import StaffAction
from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.services import report_submit, report_transition
from tests.factories import UserFactory


def unit_of(community: Place) -> Place:
    return Place.objects.filter(path__startswith=community.path, kind=PlaceKind.UNIT).first()


def admin_datetime(name: str, value) -> dict:
    local = timezone.localtime(value)
    return {f"{name}_0": local.strftime("%Y-%m-%d"), f"{name}_1": local.strftime("%H:%M:%S")}


@pytest.fixture
def reports(world, categories):
    """A lamp report (property company's) in communities 甲1 and 甲2."""
    return {
        community.pk: report_submit(
            place=unit_of(community),
            category=categories["lamp"],
            description="楼道灯不亮",
            source="web",
            reporter=UserFactory(),
        )
        for community in (world.community_a1, world.community_a2)
    }


@pytest.fixture
def actions(world, reports):
    """Staff of 甲1 and 甲2 each verify a residency claim in their community."""
    for community, staff in ((world.community_a1, world.staff_a1), (world.community_a2, world.staff_a2)):
        household = world.households(community)[-1]
        claim = residency_claim(user=UserFactory(), household=household, relation="owner", proof="房产证")
        residency_verify(residency=claim, by=staff)
    return StaffAction.objects.all()


def test_a_handlers_step_on_a_report_is_recorded_with_who_what_and_where(world, reports):
    report = reports[world.community_a1.pk]
    report_transition(report=report, action="accept", actor=world.property_a1, note="马上派电工")
    entry = StaffAction.objects.get(action="report.accept")
    assert entry.actor == world.property_a1
    assert entry.place == report.place
    assert entry.object_id == str(report.pk)
    assert entry.detail == "马上派电工"


def test_the_residents_own_steps_are_not_staff_actions(world, reports):
    assert not StaffAction.objects.filter(action__startswith="report.").exists()


def test_a_verified_residency_is_recorded_against_its_household(world, actions):
    entry = actions.get(actor=world.staff_a1)
    assert entry.action == "residency.verified"
    assert entry.place == world.households(world.community_a1)[-1]


def test_a_change_in_the_admin_is_recorded_with_its_change_message_and_address(client, world):
    board = boards_post_for_doors(place=unit_of(world.community_a1))[0]
    client.force_login(world.staff_a1)
    response = client.post(
        reverse("admin:reports_board_change", args=[board.pk]),
        {"place": board.place.pk, "spot": "gate", **admin_datetime("created_at", board.created_at)},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = StaffAction.objects.get(action="admin.change")
    assert (entry.actor, entry.place, entry.address) == (world.staff_a1, board.place, "10.1.2.3")
    assert entry.object_id == str(board.pk)
    assert entry.detail


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("staff_a1", {"a1"}), ("staff_a2", {"a2"}), ("official_a", {"a1", "a2"}), ("staff_b1", set())],
)
def test_each_person_sees_the_actions_of_their_own_places_only(client, world, actions, persona, sees):
    by_community = {"a1": world.staff_a1, "a2": world.staff_a2}
    client.force_login(getattr(world, persona))
    response = client.get(reverse("admin:audit_staffaction_changelist"))
    listed = set(response.context["cl"].result_list) if response.status_code == 200 else set()
    assert {entry.actor for entry in listed} == {by_community[key] for key in sees}


def test_a_resident_cannot_open_the_log(client, world, actions):
    client.force_login(world.outsider)
    assert client.get(reverse("admin:audit_staffaction_changelist")).status_code == 302


def test_staff_of_another_community_cannot_open_an_entry(client, world, actions):
    entry = actions.get(actor=world.staff_a1)
    client.force_login(world.staff_a2)
    response = client.get(reverse("admin:audit_staffaction_change", args=[entry.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect, as for a missing one
    client.force_login(world.staff_a1)
    assert client.get(reverse("admin:audit_staffaction_change", args=[entry.pk])).status_code == 200


def test_no_one_changes_or_deletes_an_entry_not_even_its_author(client, world, actions):
    entry = actions.get(actor=world.staff_a1)
    client.force_login(world.staff_a1)
    client.post(reverse("admin:audit_staffaction_change", args=[entry.pk]), {"detail": "改过"})
    client.post(reverse("admin:audit_staffaction_delete", args=[entry.pk]), {"post": "yes"})
    entry.refresh_from_db()
    assert entry.detail == ""


def test_the_log_page_costs_the_same_queries_however_long_it_is(
    client, world, actions, django_assert_max_num_queries
):
    client.force_login(world.official_a)
    with django_assert_max_num_queries(12):
        client.get(reverse("admin:audit_staffaction_changelist"))
    for _ in range(30):
        report = Place.objects.get(pk=world.community_a1.pk)
        from apps.audit.services import staff_action_record

        staff_action_record(actor=world.staff_a1, action="admin.change", obj=report)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:audit_staffaction_changelist"))
    assert len(response.context["cl"].result_list) == 32
