"""Inspection points: the catalogue, who answers for a point, who sees which points."""

from datetime import date

import pytest

from apps.access.roles import GRANTABLE_ON, Role
from apps.access.visibility import visible_to
from apps.inspections.catalog import CATALOG, catalog_load
from apps.inspections.models import InspectionPoint, PointCategory, Round, Standard
from apps.inspections.rounds import round_generate
from tests.scoping import assert_twin_agrees, world_personas

pytestmark = pytest.mark.django_db


def test_the_catalogue_ships_39_categories_each_with_a_checklist():
    catalog_load()
    assert PointCategory.objects.count() == len(CATALOG) == 39
    assert not PointCategory.objects.filter(standards__isnull=True).exists()
    assert PointCategory.objects.get(code="wet_market").name == "农贸市场"


def test_loading_the_catalogue_again_keeps_edits_and_adds_nothing():
    catalog_load()
    Standard.objects.filter(code="public_toilet.1").update(text="内外整洁、无异味、无蚊蝇")
    assert catalog_load() == 0
    assert Standard.objects.get(code="public_toilet.1").text == "内外整洁、无异味、无蚊蝇"


def test_the_inspection_team_is_granted_on_a_street_or_a_community():
    assert GRANTABLE_ON[Role.INSPECTOR] == {"street", "community"}


def test_a_point_in_a_managed_compound_is_answered_by_its_unit(civility):
    assert civility.bin_a1.handler_kind == "property"
    assert civility.bin_a1.management_unit == civility.world.unit_a1
    assert civility.bin_a2.handler_kind == "community"


def test_a_street_sees_only_its_points(civility):
    visible = set(visible_to(civility.world.official_a, InspectionPoint.objects.all()))
    assert visible == {civility.bin_a1, civility.bin_a2, civility.gate_a1}


def test_a_unit_sees_only_the_points_it_answers_for(civility):
    visible = set(visible_to(civility.world.property_a1, InspectionPoint.objects.all()))
    assert visible == {civility.bin_a1, civility.gate_a1}


def test_an_inspector_sees_the_points_of_their_street_only(civility):
    visible = set(visible_to(civility.inspector_b, InspectionPoint.objects.all()))
    assert visible == {civility.bin_b1}


def test_the_predicate_and_its_twin_agree_on_points_and_rounds(civility):
    round_generate(street=civility.world.street_a, category=civility.bins, today=date(2026, 3, 10))
    people = [*world_personas(civility.world), civility.inspector_a, civility.inspector_b]
    assert_twin_agrees(InspectionPoint, people)
    assert_twin_agrees(Round, people)


def test_a_street_official_edits_a_category_in_the_admin_and_community_staff_only_read_it(client, civility):
    from django.urls import reverse

    url = reverse("admin:inspections_pointcategory_change", args=[civility.bins.pk])
    client.force_login(civility.world.staff_a1)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "垃圾分类桶站"}).status_code == 403
    client.force_login(civility.world.official_a)
    assert client.get(url).context["has_change_permission"] is True
