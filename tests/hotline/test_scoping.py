"""Who sees, enters, imports and exports city orders: the staff of the order's community and the
officials of its street; another street's staff see nothing of them."""

import pytest
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.hotline.models import CityOrder
from apps.hotline.services import city_order_receive
from tests.scoping import assert_twin_agrees, world_personas

from .conftest import values

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(world, categories):
    """One order in 甲1, one in 乙1."""
    a1, _ = city_order_receive(values=values(world, categories, number="A1"), by=world.staff_a1)
    b1_place = world.compound(world.community_b1)
    b1, _ = city_order_receive(
        values=values(world, categories, number="B1", place=b1_place), by=world.staff_b1
    )
    return a1, b1


def test_predicate_and_queryset_twin_agree_on_every_order(world, orders):
    assert_twin_agrees(CityOrder, world_personas(world))


@pytest.mark.parametrize(
    "person, seen",
    [
        ("staff_a1", {"A1"}),
        ("staff_a2", set()),
        ("official_a", {"A1"}),
        ("staff_b1", {"B1"}),
        ("property_a1", set()),
    ],
)
def test_each_person_sees_the_orders_of_their_own_place_only(world, orders, person, seen):
    visible = visible_to(getattr(world, person), CityOrder.objects.all())
    assert set(visible.values_list("number", flat=True)) == seen


def test_the_admin_list_shows_another_streets_staff_nothing(client, world, orders):
    client.force_login(world.staff_b1)
    page = client.get(reverse("admin:hotline_cityorder_changelist")).content.decode()
    assert "B1" in page and "A1</a>" not in page


def test_the_admin_page_of_another_streets_order_is_not_found(client, world, orders):
    client.force_login(world.staff_b1)
    response = client.get(reverse("admin:hotline_cityorder_change", args=[orders[0].pk]))
    assert response.status_code in (302, 404)
    assert "A1" not in response.content.decode()


def test_property_staff_may_not_import_or_export_orders(client, world, orders):
    client.force_login(world.property_a1)
    assert client.get(reverse("admin:hotline_cityorder_import")).status_code == 403
    assert client.get(reverse("admin:hotline_cityorder_results")).status_code == 403
