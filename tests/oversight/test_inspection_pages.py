"""The 文明数治 figures on the oversight pages: the table, its exports and the map of failing points."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.inspections.conftest import Civility
from tests.inspections.test_figures import inspect

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(world):
    civility = Civility(world)
    inspect(civility.gate_a1, civility.inspector_a, passed=True)
    inspect(civility.bin_a1, civility.inspector_a, passed=False)
    inspect(civility.bin_b1, civility.inspector_b, passed=False)
    return civility


def test_the_figures_page_shows_the_disposal_rate_of_the_street(client, failed):
    client.force_login(failed.world.official_a)
    page = client.get(reverse("oversight:inspections"), {"by": "unit"})
    assert page.status_code == 200
    assert failed.world.unit_a1.name in page.content.decode()
    assert page.context["total"].issued == 1
    assert page.context["total"].disposal_rate == 0


def test_the_figures_export_as_xlsx_and_csv(client, failed):
    client.force_login(failed.world.official_a)
    chinese = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    xlsx = client.get(reverse("oversight:inspections"), {"by": "category", "format": "xlsx"}, **chinese)
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "按点位类别"
    assert rows[-1][0] == "全部" and rows[-1][4] == 1
    csv = client.get(reverse("oversight:inspections"), {"format": "csv"}, **chinese)
    assert csv["Content-Type"].startswith("text/csv")
    assert "有效处置率" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    "params", [{"since": "2026-05-01", "until": "2026-04-01"}, {"by": "planet"}, {"since": "yesterday"}]
)
def test_bad_filters_are_refused_in_words(client, failed, params):
    client.force_login(failed.world.official_a)
    assert client.get(reverse("oversight:inspections"), params).status_code == 400


def test_the_map_shows_the_failing_points_of_ones_scope(client, failed):
    client.force_login(failed.world.official_a)
    page = client.get(reverse("oversight:failing_map"))
    assert [point.code for point in page.context["points"]] == ["A1-BIN"]
    assert "<svg" in page.content.decode()


def test_a_resident_sees_no_figures(client, failed):
    client.force_login(failed.world.outsider)
    assert client.get(reverse("oversight:inspections")).status_code == 403


def test_the_figures_page_takes_as_many_queries_with_more_rows(client, failed):
    client.force_login(failed.world.official_a)
    url = reverse("oversight:inspections")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url, {"by": "round"})
    for point in (failed.bin_a1, failed.bin_a2, failed.gate_a1):
        inspect(point, failed.inspector_a, passed=False)
    with CaptureQueriesContext(connection) as after:
        client.get(url, {"by": "round"})
    assert len(after) == len(before)
