"""The 文明数治 figures on the oversight pages: the table, its exports and the map of failing points."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.inspections.models import Standard
from tests.inspections.conftest import Civility
from tests.inspections.test_figures import inspect

pytestmark = pytest.mark.django_db
CYCLE = timedelta(days=61)


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


def inspect_rounds(civility, *, cycles: int) -> None:
    """`cycles` past rounds of the bins and the gates, each assignment inspected, every other failing."""
    from apps.inspections.models import Assignment
    from apps.inspections.rounds import round_generate
    from apps.inspections.services import inspection_submit

    today = timezone.localdate()
    for category in (civility.bins, civility.gates):
        for back in range(cycles):
            round_generate(street=civility.world.street_a, category=category, today=today - back * CYCLE)
    for n, assignment in enumerate(Assignment.objects.filter(inspected_at__isnull=True).order_by("pk")):
        point = assignment.point
        standards = list(Standard.objects.filter(category=point.category).values_list("pk", flat=True))
        verdicts = {pk: n % 2 == 0 or pk != standards[0] for pk in standards}
        inspection_submit(point=point, by=assignment.inspector, verdicts=verdicts, assignment=assignment)


@pytest.mark.parametrize("by", ["street", "community", "unit", "category", "round"])
def test_the_figures_page_reads_as_many_queries_for_six_rounds_as_for_one(
    client, world, by, django_assert_max_num_queries
):
    civility = Civility(world)
    inspect_rounds(civility, cycles=1)
    client.force_login(world.official_a)
    url, period = reverse("oversight:inspections"), {"by": by, "since": "2025-01-01"}
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, period).status_code == 200
    inspect_rounds(civility, cycles=6)
    with django_assert_max_num_queries(len(one)):
        page = client.get(url, period)
    assert page.status_code == 200
    if by == "round":
        assert page.content.decode().count(f"<td>{civility.bins} · ") == 6


def test_an_inspection_and_its_notice_keep_the_round_of_the_assignment(world):
    from apps.inspections.models import Inspection, Notice, Round

    civility = Civility(world)
    inspect_rounds(civility, cycles=1)
    rounds = set(Round.objects.values_list("pk", flat=True))
    assert set(Inspection.objects.values_list("round", flat=True)) == rounds
    assert {n.round_id for n in Notice.objects.select_related("inspection")} <= rounds
    assert all(n.round_id == n.inspection.round_id for n in Notice.objects.select_related("inspection"))
