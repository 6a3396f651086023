"""Staff enter a city order by hand in the admin, as the hotline sent it."""

import pytest
from django.urls import reverse

from apps.hotline.models import CityOrder
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


def entered(client, categories, **changes):
    form = {
        "number": "GD-FORM-1",
        "sent_at": "2026-12-01 09:30",
        "address": "甲1小区 1号楼",
        "category": categories["noise"].pk,
        "text": "夜间噪音扰民",
        "caller_phone": "138 1234 5678",
        "resolve_due": "2026-12-04 09:30",
        **changes,
    }
    return client.post(reverse("admin:hotline_cityorder_add"), form)


def test_staff_enter_an_order_and_it_joins_the_queue(client, world, categories):
    client.force_login(world.staff_a1)
    response = entered(client, categories)
    order = CityOrder.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "admin:hotline_cityorder_change", args=[order.pk]
    )
    assert (order.report.source, order.report.place.name) == (Report.Source.HOTLINE, "1号楼")


def test_entering_the_same_order_again_changes_nothing(client, world, categories):
    client.force_login(world.staff_a1)
    entered(client, categories)
    entered(client, categories)
    assert (CityOrder.objects.count(), Report.objects.count()) == (1, 1)


def test_an_address_outside_ones_community_is_refused_on_the_form(client, world, categories):
    client.force_login(world.staff_a2)
    response = entered(client, categories)
    assert response.status_code == 200 and response.context["form"].errors["address"]
    assert not Report.objects.exists()


def test_a_bad_phone_is_told_on_the_form_and_nothing_is_written(client, world, categories):
    client.force_login(world.staff_a1)
    response = entered(client, categories, caller_phone="12")
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Report.objects.exists()


def test_property_staff_may_not_enter_orders(client, world, categories):
    client.force_login(world.property_a1)
    assert entered(client, categories).status_code == 403
