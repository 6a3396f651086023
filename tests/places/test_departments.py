"""A street is made with its departments, so routing a report to one only reads them."""

import pytest

from apps.places.departments import STREET_DEPARTMENTS
from apps.places.models import Department
from apps.places.services import department_of_street, street_departments_ensure
from tests.factories import add


@pytest.fixture
def street(db):
    return add(add(None, "通州区"), "中仓街道")


def test_a_street_added_through_the_service_has_every_department_of_a_street_office(street):
    names = set(Department.objects.filter(place=street).values_list("name", flat=True))
    assert names == set(STREET_DEPARTMENTS)
    assert set(Department.objects.filter(place=street).values_list("kind", flat=True)) == {"street"}


def test_ensuring_the_departments_again_makes_none_and_returns_them_in_order(street):
    before = Department.objects.count()
    found = street_departments_ensure(street=street, names=["民生保障办公室", "城市管理办公室"])
    assert [d.name for d in found] == ["民生保障办公室", "城市管理办公室"]
    assert Department.objects.count() == before


def test_a_department_of_a_street_is_found_from_any_place_inside_it_without_a_write(
    street, django_assert_num_queries
):
    compound = add(add(street, "中上园社区"), "中上园5号院")
    with django_assert_num_queries(1):
        found = department_of_street(place=compound, name="平安建设办公室")
    assert (found.place, found.name) == (street, "平安建设办公室")


def test_a_department_the_street_lacks_is_none_and_nothing_is_made(street):
    before = Department.objects.count()
    assert department_of_street(place=street, name="不存在的科室") is None
    assert Department.objects.count() == before
