"""POST /api/v1/hotline/orders/: the city's platform sends orders with a client key of the street;
anything else is refused with field errors or 401/403, never a server error."""

import pytest
from django.urls import reverse

from apps.api.services import api_client_issue
from apps.hotline.models import CityOrder
from apps.reports.models import Report

URL = reverse("api:hotline-orders")
ORDER = {
    "order_number": "GD-API-1",
    "sent_at": "2026-12-01T09:30:00+08:00",
    "text": "小区门口井盖缺失",
    "caller_phone": "13812345678",
    "address": "甲1小区 1号楼",
    "category": "env.noise",
    "urgent": True,
    "resolve_due": "2026-12-03T09:30:00+08:00",
}


def client_key(place, *, sends_city_orders=True) -> str:
    client, secret = api_client_issue(name="12345 市民服务热线", place=place)
    client.sends_city_orders = sends_city_orders
    client.save(update_fields=["sends_city_orders"])
    return secret


@pytest.fixture
def hotline_key(world, categories):
    return client_key(world.street_a)


def post(api, key, body):
    headers = {"HTTP_AUTHORIZATION": f"Client {key}"} if key else {}
    return api.post(URL, body, format="json", **headers)


def test_the_hotline_client_sends_an_order_into_the_queue(api, world, hotline_key):
    response = post(api, hotline_key, ORDER)
    assert response.status_code == 201, response.json()
    assert response.json()["outcome"] == "created"
    report = CityOrder.objects.get(number="GD-API-1").report
    assert (report.source, report.urgent, report.place.name) == (Report.Source.HOTLINE, True, "1号楼")
    assert report.tracking_number == response.json()["tracking_number"]


def test_the_same_order_sent_again_updates_and_never_doubles(api, hotline_key):
    post(api, hotline_key, ORDER)
    again = post(api, hotline_key, ORDER)
    changed = post(api, hotline_key, {**ORDER, "text": "井盖缺失，已有人摔倒"})
    assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
    assert (changed.status_code, changed.json()["outcome"]) == (200, "updated")
    assert Report.objects.get().description == "井盖缺失，已有人摔倒"


def test_without_a_key_the_request_is_refused(api, hotline_key):
    assert post(api, None, ORDER).status_code == 401
    assert post(api, "not-a-key", ORDER).status_code == 401
    assert not Report.objects.exists()


def test_a_person_token_is_not_a_hotline_client(api, world, hotline_key):
    api.force_authenticate(world.official_a)
    assert api.post(URL, ORDER, format="json").status_code in (401, 403)
    assert not Report.objects.exists()


def test_a_client_not_marked_as_the_hotline_is_refused(api, world, categories):
    key = client_key(world.street_a, sends_city_orders=False)
    response = post(api, key, ORDER)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_a_client_of_another_street_reaches_no_place_here(api, world, categories):
    response = post(api, client_key(world.street_b), ORDER)
    assert response.status_code == 400 and "address" in response.json()["fields"]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"category": "飞碟降落"}, "category"),
        ({"address": "火星小区"}, "address"),
        ({"sent_at": "上周"}, "sent_at"),
        ({"order_number": ""}, "order_number"),
        ({"text": ""}, "text"),
        ({"caller_phone": "12"}, "caller_phone"),
        ({"resolve_due": "2026-11-01T09:00:00+08:00"}, "resolve_due"),
        ({"urgent": "maybe"}, "urgent"),
    ],
)
def test_bad_fields_are_refused_by_field_and_nothing_is_written(api, hotline_key, changes, field):
    response = post(api, hotline_key, {**ORDER, **changes})
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not Report.objects.exists() and not CityOrder.objects.exists()


def test_a_body_that_is_not_an_object_is_a_400(api, hotline_key):
    response = api.post(
        URL, "[1, 2]", content_type="application/json", HTTP_AUTHORIZATION=f"Client {hotline_key}"
    )
    assert response.status_code == 400
