"""Reporting from the web: on someone's behalf, on patrol, and a resident for their own building."""

import uuid

import pytest
from django.urls import reverse

from apps.access.roles import Role
from apps.accounts.services import residency_claim, residency_verify
from apps.places.models import Place, PlaceKind
from apps.reports.models import Report
from tests.factories import UserFactory, person_with_role


def post(client, place, category, **fields):
    data = {
        "submission_key": str(uuid.uuid4()),
        "place": place.pk,
        "category": category.pk,
        "description": "楼道堆满杂物",
        "on_behalf_of": "",
        "contact_phone": "",
        **fields,
    }
    return client.post(reverse("reports:new"), data)


@pytest.fixture
def building_head(world, unit_a1):
    return person_with_role(
        Role.BUILDING_HEAD, place=Place.objects.get_parent(unit_a1), display_name="楼门长"
    )


def test_a_building_head_reports_on_behalf_of_an_elderly_resident(client, building_head, unit_a1, categories):
    client.force_login(building_head)
    response = post(client, unit_a1, categories["lamp"], source="on_behalf", on_behalf_of="王奶奶 1-101")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.source, report.entered_by, report.on_behalf_of) == (
        "on_behalf",
        building_head,
        "王奶奶 1-101",
    )
    assert report.reporter is None


def test_reporting_on_behalf_needs_the_name_of_the_person(client, building_head, unit_a1, categories):
    client.force_login(building_head)
    response = post(client, unit_a1, categories["lamp"], source="on_behalf")
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_staff_on_patrol_enter_what_they_see(client, world, unit_a1, categories):
    client.force_login(world.staff_a1)
    assert post(client, unit_a1, categories["lamp"], source="patrol").status_code == 302
    assert Report.objects.get().source == "patrol"


def test_a_swapped_place_outside_the_persons_scope_is_refused(client, building_head, world, categories):
    foreign = Place.objects.filter(path__startswith=world.community_b1.path, kind=PlaceKind.UNIT).get()
    client.force_login(building_head)
    response = post(client, foreign, categories["lamp"], source="on_behalf", on_behalf_of="某人")
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_a_verified_resident_reports_for_their_own_unit(client, world, unit_a1, categories):
    resident = UserFactory()
    household = world.households(world.community_a1)[0]
    residency_verify(
        residency=residency_claim(user=resident, household=household, relation="owner", proof="证"),
        by=world.staff_a1,
    )
    client.force_login(resident)
    assert post(client, unit_a1, categories["lamp"], source="web").status_code == 302
    report = Report.objects.get()
    assert (report.source, report.reporter, report.entered_by) == ("web", resident, None)


def test_a_resident_cannot_report_on_someone_elses_behalf(client, world, unit_a1, categories):
    resident = UserFactory()
    household = world.households(world.community_a1)[0]
    residency_verify(
        residency=residency_claim(user=resident, household=household, relation="owner", proof="证"),
        by=world.staff_a1,
    )
    client.force_login(resident)
    response = post(client, unit_a1, categories["lamp"], source="on_behalf", on_behalf_of="别人")
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_a_person_with_no_place_is_sent_to_claim_a_household(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("reports:new"))
    assert response.status_code == 302


def test_a_resident_awaiting_verification_reports_for_their_own_unit_and_is_told_what_is_pending(
    client, world, unit_a1, categories
):
    resident = UserFactory()
    residency_claim(
        user=resident, household=world.households(world.community_a1)[0], relation="owner", proof="证"
    )
    client.force_login(resident)
    assert client.get(reverse("reports:new")).status_code == 200
    assert post(client, unit_a1, categories["lamp"], source="web").status_code == 302
    assert Report.objects.get().reporter == resident
    home = client.get(reverse("accounts:home")).content.decode()
    assert "等待社区工作人员核实" in home
    other_unit = Place.objects.filter(path__startswith=world.community_b1.path, kind=PlaceKind.UNIT).first()
    assert post(client, other_unit, categories["lamp"], source="web").status_code == 200
    assert Report.objects.count() == 1
