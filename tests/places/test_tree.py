from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.places.models import Place, PlaceKind
from apps.places.selectors import ancestors_of, management_coverage, place_label, places_below
from tests.factories import add, build_street, management_unit


@pytest.fixture
def street(db):
    return build_street("甲", communities=3)


def test_everything_below_a_community_is_one_prefix_query(street, django_assert_num_queries):
    community = Place.objects.filter(kind=PlaceKind.COMMUNITY).order_by("path").first()
    with django_assert_num_queries(1):
        below = list(places_below(community))
    assert {p.kind for p in below} == {"compound", "building", "unit", "household"}
    assert all(p.path.startswith(community.path) for p in below)
    assert len(below) == 1 + 1 + 1 + 2


def test_the_ancestors_of_a_household_come_root_first_in_one_query(street, django_assert_num_queries):
    household = Place.objects.filter(kind=PlaceKind.HOUSEHOLD).first()
    with django_assert_num_queries(1):
        kinds = [a.kind for a in ancestors_of(household)]
    assert kinds == ["district", "street", "community", "compound", "building", "unit"]


def test_a_label_reads_from_the_compound_down(street):
    household = Place.objects.filter(kind=PlaceKind.HOUSEHOLD).order_by("path").first()
    assert place_label(household) == "甲1小区 1号楼 1单元 101室"


def test_a_child_takes_the_kind_that_follows_its_parent(street):
    with pytest.raises(ValidationError):
        add(street, "错误", kind=PlaceKind.BUILDING)


def test_the_database_refuses_a_kind_that_does_not_match_the_depth(street):
    household = Place.objects.filter(kind=PlaceKind.HOUSEHOLD).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(pk=household.pk).update(kind=PlaceKind.BUILDING)


def test_only_households_carry_a_floor_area(street):
    unit = Place.objects.filter(kind=PlaceKind.UNIT).first()
    with pytest.raises(ValidationError):
        add(Place.objects.get_parent(unit), "2单元", floor_area=Decimal("50"))
    household = add(unit, "301室", floor_area=Decimal("76.30"))
    assert household.floor_area == Decimal("76.30")


def test_coverage_counts_compounds_served_by_a_management_unit(street):
    compounds = list(Place.objects.filter(kind=PlaceKind.COMPOUND).order_by("path"))
    management_unit(street, compounds[:2])
    coverage = management_coverage(within=street)
    assert (coverage.covered, coverage.total) == (2, 3)
    assert coverage.rate == pytest.approx(2 / 3)


def test_a_compound_belongs_to_one_management_unit_at_most(street):
    compound = Place.objects.filter(kind=PlaceKind.COMPOUND).first()
    management_unit(street, [compound], "一")
    with pytest.raises(IntegrityError), transaction.atomic():
        management_unit(street, [compound], "二")
