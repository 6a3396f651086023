"""The channel as a dimension of the figures: hotline and QR-board reports side by side, and per
compound the 12345 city orders (none: “12345 零投诉”), every figure linking to its reports."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.oversight.rollups import rollups_rebuild

from .conftest import START, submit_at

NOW = START + timedelta(days=3)
PERIOD = {"since": START.date().isoformat(), "until": NOW.date().isoformat()}


@pytest.fixture
def reports(world, categories):
    """In 甲1: two hotline orders and one QR report; in 甲2 one QR report; in 乙1 one hotline order."""
    for n, (community, source) in enumerate(
        [
            (world.community_a1, "hotline"),
            (world.community_a1, "hotline"),
            (world.community_a1, "qr"),
            (world.community_a2, "qr"),
            (world.community_b1, "hotline"),
        ]
    ):
        submit_at(
            START + timedelta(hours=n), world.households(community)[0], categories["lamp"], source=source
        )
    with time_machine.travel(NOW, tick=False):
        rollups_rebuild()


@pytest.fixture
def dashboard(client, world, reports):
    with time_machine.travel(NOW, tick=False):  # signed in then: a session from today has expired by NOW
        client.force_login(world.official_a)
        return client.get(reverse("oversight:dashboard"), PERIOD)


def test_hotline_and_board_reports_are_counted_side_by_side(dashboard):
    channels = {row.source: row.submitted for row, _url in dashboard.context["channels"]}
    assert channels == {"hotline": 2, "qr": 2}
    assert [row.source for row, _url in dashboard.context["channels"]][:2] == ["hotline", "qr"]


def test_each_compound_shows_its_city_orders_and_one_with_none_is_marked(dashboard, world):
    orders = {row.compound: row.orders for row, _url in dashboard.context["compound_orders"]}
    assert orders == {world.compound(world.community_a1): 2, world.compound(world.community_a2): 0}
    assert "12345 零投诉" in dashboard.content.decode()


def test_the_hotline_figure_links_to_the_hotline_reports_only(client, world, dashboard):
    (url,) = [url for row, url in dashboard.context["channels"] if row.source == "hotline"]
    assert "source=hotline" in url
    with time_machine.travel(NOW, tick=False):
        page = client.get(url)
    assert page.status_code == 200
    assert {report.source for report in page.context["reports"]} == {"hotline"}
    assert page.context["count"] == 2


def test_a_compounds_figure_links_to_its_city_orders(client, world, dashboard):
    compound = world.compound(world.community_a1)
    (url,) = [url for row, url in dashboard.context["compound_orders"] if row.compound == compound]
    with time_machine.travel(NOW, tick=False):
        page = client.get(url)
    assert page.context["count"] == 2


def test_an_unknown_channel_in_the_drill_down_is_refused(client, world, reports):
    client.force_login(world.official_a)
    assert client.get(reverse("oversight:reports"), {"source": "pigeon"}).status_code == 400
