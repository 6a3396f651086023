"""seed_demo: the demo street 通州区 · 中仓街道, its people and how they sign in."""

import hashlib
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency, User
from apps.accounts.phones import normalize_mainland_mobile
from apps.demo.builder import plan_street
from apps.demo.plan import PASSWORD, SMALL, STREET_CODE, USERNAME_PREFIX
from apps.demo.selectors import KIND_ORDER, kind_label
from apps.places.models import ManagedCompound, Place, PlaceKind
from apps.places.selectors import management_coverage, places_below
from apps.places.services import place_add

from .conftest import built_for_the_module

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def street(django_db_setup, django_db_blocker, tmp_path_factory) -> Place:
    with built_for_the_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield Place.objects.get(code=STREET_CODE)


def demo_people():
    return User.objects.filter(username__startswith=USERNAME_PREFIX)


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its values."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        tables[model._meta.label] = (rows.count(), hashlib.sha256(repr(list(rows)).encode()).hexdigest())
    return tables


def kinds_below(street: Place) -> dict[str, int]:
    return {kind: places_below(street, kind=kind).count() for kind in PlaceKind}


def test_running_it_twice_changes_nothing(street):
    before = snapshot()

    out = seed("--small")

    assert snapshot() == before
    assert "nothing was changed" in out


def test_a_second_run_prints_the_same_personas(street):
    first = seed("--small").split("\n", 1)[-1]

    assert seed("--small").split("\n", 1)[-1] == first


def test_a_second_run_of_the_other_size_changes_nothing(street):
    before = snapshot()

    seed()

    assert snapshot() == before


def test_the_tree_is_consistent(street):
    assert Place.objects.find_problems() == ([], [], [], [], [])


def test_treebeard_finds_every_place_where_it_was_planned(street):
    planned = {p.code: p for p in plan_street(SMALL).street.walk()}
    for place in places_below(street, include_self=True).exclude(kind=PlaceKind.HOUSEHOLD):
        children = Place.objects.get_children(place).values_list("code", flat=True)
        assert list(children) == [child.code for child in planned[place.code].children]
        below = sum(1 for _ in planned[place.code].walk()) - 1
        assert Place.objects.get_descendant_count(place) == below


def test_places_added_after_seeding_are_numbered_right_after_the_seeded_ones(street):
    unit = places_below(street, kind=PlaceKind.UNIT).last()
    seeded = unit.numchild

    added = place_add(parent=unit, name="701室")

    assert added.path == f"{unit.path}{seeded + 1:04d}"
    assert Place.objects.get_last_child(Place.objects.get(pk=unit.pk)) == added
    assert Place.objects.find_problems() == ([], [], [], [], [])


def test_each_community_has_a_contact_phone_and_two_staff(street):
    for community in places_below(street, kind=PlaceKind.COMMUNITY):
        assert community.phone.startswith("010-")
        staff = RoleAssignment.objects.filter(role=Role.COMMUNITY_STAFF, place=community)
        assert staff.count() == 2


def test_households_have_floor_areas_between_50_and_140_square_metres(street):
    areas = places_below(street, kind=PlaceKind.HOUSEHOLD).values_list("floor_area", flat=True)

    assert all(Decimal("50") <= area <= Decimal("140") for area in areas)
    assert all(area == area.quantize(Decimal("0.01")) for area in areas)


def test_compounds_and_buildings_lie_near_the_street(street):
    for kind in (PlaceKind.COMPOUND, PlaceKind.BUILDING):
        for place in places_below(street, kind=kind):
            assert Decimal("39.85") < place.latitude < Decimal("39.95")
            assert Decimal("116.60") < place.longitude < Decimal("116.72")


def test_most_but_not_all_compounds_are_in_a_management_unit(street):
    coverage = management_coverage(within=street)

    assert 0 < coverage.covered < coverage.total


def test_a_management_unit_spans_two_communities(street):
    served = {
        (managed.unit_id, managed.compound.ancestor_path(PlaceKind.COMMUNITY))
        for managed in ManagedCompound.objects.select_related("compound")
    }
    communities_per_unit = Counter(unit for unit, _ in served)

    assert max(communities_per_unit.values()) == 2


def test_every_persona_has_a_distinct_mainland_mobile_number(street):
    phones = [str(phone) for phone in demo_people().values_list("phone", flat=True)]

    assert all(normalize_mainland_mobile(phone) == phone for phone in phones)
    assert len(set(phones)) == len(phones)


def test_every_persona_can_sign_in_with_their_mobile_number(street):
    for person in demo_people():
        assert authenticate(None, phone=str(person.phone), password=PASSWORD) == person


def test_every_role_is_granted_on_a_scope_the_role_allows(street):
    for assignment in RoleAssignment.objects.select_related("place"):
        assignment.full_clean()


def test_verified_residents_hold_the_resident_role_on_their_household(street):
    verified = set(
        Residency.objects.filter(status=Residency.Status.VERIFIED).values_list("user", "household")
    )
    residents = set(RoleAssignment.objects.active().filter(role=Role.RESIDENT).values_list("user", "place"))

    assert verified
    assert residents == verified


def test_pending_claims_give_no_role_yet(street):
    claims = Residency.objects.filter(status=Residency.Status.CLAIMED)

    assert claims.exists()
    assert not RoleAssignment.objects.filter(user__in=claims.values("user")).exists()


def test_it_prints_the_login_of_each_persona_kind(street):
    out = seed("--small")

    assert PASSWORD in out
    assert "+8613800000001" in out
    for kind in KIND_ORDER:
        assert kind_label(kind) in out
