"""The results go back to the hotline as it takes them in: one row per order of the period."""

import io
from datetime import date

import pytest
import tablib
from django.urls import reverse

from apps.hotline.results import results_dataset
from apps.hotline.selectors import orders_sent_between
from apps.hotline.services import city_order_receive
from apps.reports.services import report_transition

from .conftest import values

pytestmark = pytest.mark.django_db

DECEMBER = {"first": date(2026, 12, 1), "last": date(2026, 12, 31)}


@pytest.fixture
def answered(world, categories, city_order):
    report = city_order.report
    report_transition(report=report, action="accept", actor=world.staff_a1)
    report_transition(
        report=report, action="resolve", actor=world.staff_a1, note="已约谈广场舞队，音量已调低"
    )
    report_transition(report=report, action="rate", satisfaction="satisfied", solved=True)
    return city_order


def test_a_resolved_order_goes_back_with_its_result_handler_and_satisfaction(world, answered):
    (row,) = results_dataset(orders_sent_between(world.staff_a1, **DECEMBER)).dict
    number, result, replied, handler, satisfaction = row.values()
    assert (number, result, handler, satisfaction) == (
        "12345-0001",
        "已约谈广场舞队，音量已调低",
        "甲1社区",
        "满意",
    )
    assert replied.startswith("20")


def test_an_open_order_goes_back_without_a_result(world, city_order):
    (row,) = results_dataset(orders_sent_between(world.staff_a1, **DECEMBER)).dict
    assert list(row.values())[1:3] == ["", ""]


def test_only_the_orders_sent_in_the_period_go_back(world, categories, city_order):
    november = values(
        world, categories, number="NOV", sent_at=values(world, categories).sent_at.replace(month=11)
    )
    city_order_receive(values=november, by=world.staff_a1)
    numbers = [row[0] for row in results_dataset(orders_sent_between(world.staff_a1, **DECEMBER))]
    assert numbers == ["12345-0001"]


def test_another_streets_staff_export_none_of_these_orders(world, answered):
    assert not orders_sent_between(world.staff_b1, **DECEMBER).exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_admin_downloads_the_results_as_csv_or_xlsx(client, world, answered, file_format):
    client.force_login(world.official_a)
    response = client.get(
        reverse("admin:hotline_cityorder_results"),
        {"first": "2026-12-01", "last": "2026-12-31", "file_format": file_format},
    )
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    if file_format == "csv":
        data = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")
    else:
        data = tablib.Dataset().load(io.BytesIO(response.content), format="xlsx")
    assert data[0][0] == "12345-0001" and data[0][1] == "已约谈广场舞队，音量已调低"


def test_a_period_ending_before_it_starts_is_refused(client, world):
    client.force_login(world.official_a)
    response = client.get(
        reverse("admin:hotline_cityorder_results"),
        {"first": "2026-12-31", "last": "2026-12-01", "file_format": "csv"},
    )
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
    assert response.context["form"].errors
