"""文明数治 figures: the effective disposal rate's rule, the grouped figures, their scope."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.inspections.figures import disposal_rate, failing_points, figures_by, total_of
from apps.inspections.models import NoticeStep, Standard
from apps.inspections.notices import notice_step
from apps.inspections.services import inspection_submit
from tests.inspections.test_notices import photo

pytestmark = pytest.mark.django_db


def inspect(point, inspector, *, passed: bool):
    standards = list(Standard.objects.filter(category=point.category).values_list("pk", flat=True))
    verdicts = {pk: passed or pk != standards[0] for pk in standards}
    return inspection_submit(point=point, by=inspector, verdicts=verdicts)


def bounds():
    now = timezone.now()
    return {"since": now - timedelta(days=1), "until": now + timedelta(days=1)}


def test_the_disposal_rate_is_notices_passed_on_reinspection_over_notices_issued():
    assert disposal_rate(passed=9132, issued=10000) == pytest.approx(0.9132)


def test_the_disposal_rate_is_unknown_while_no_notice_was_issued():
    assert disposal_rate(passed=0, issued=0) is None


@pytest.fixture
def worked(civility):
    """Street 甲: one point passes, two fail; one notice is rectified and passed, one left issued."""
    world = civility.world
    inspect(civility.gate_a1, civility.inspector_a, passed=True)
    rectified = inspect(civility.bin_a1, civility.inspector_a, passed=False).notice
    inspect(civility.bin_a2, civility.inspector_a, passed=False)
    inspect(civility.bin_b1, civility.inspector_b, passed=False)
    notice_step(notice=rectified, kind=NoticeStep.Kind.ANSWER, by=world.property_a1, photos=[photo()])
    notice_step(notice=rectified, kind=NoticeStep.Kind.PASS, by=civility.inspector_a)
    return civility


def test_the_streets_figures_count_its_inspections_and_notices(worked):
    [line] = figures_by(worked.world.official_a, "street", **bounds())
    assert (line.label, line.points, line.inspections, line.passed) == (worked.world.street_a.name, 3, 3, 1)
    assert (line.issued, line.answered, line.rectified, line.overdue) == (2, 1, 1, 0)
    assert line.disposal_rate == 0.5


def test_a_notice_past_its_deadline_counts_as_overdue(worked):
    later = timezone.now() + timedelta(days=8)
    [line] = figures_by(worked.world.official_a, "street", **bounds(), now=later)
    assert line.overdue == 1


def test_figures_by_unit_name_the_property_unit_and_the_community(worked):
    lines = {line.label: line for line in figures_by(worked.world.official_a, "unit", **bounds())}
    assert lines[worked.world.unit_a1.name].disposal_rate == 1
    assert lines[worked.world.community_a2.name].disposal_rate == 0


def test_figures_by_community_category_and_round_add_up_to_the_street(worked):
    for by in ("community", "category", "round"):
        total = total_of(figures_by(worked.world.official_a, by, **bounds()))
        assert (total.inspections, total.issued, total.rectified) == (3, 2, 1), by


def test_a_community_sees_only_its_own_figures(worked):
    lines = figures_by(worked.world.staff_a2, "community", **bounds())
    assert [(line.label, line.issued) for line in lines] == [(worked.world.community_a2.name, 1)]


def test_someone_of_another_street_sees_no_figures(worked):
    assert figures_by(worked.world.staff_b1, "street", **bounds())[0].label == worked.world.street_b.name
    assert figures_by(worked.world.outsider, "street", **bounds()) == []


def test_failing_points_are_those_that_failed_most_first(worked):
    inspect(worked.bin_a2, worked.inspector_a, passed=False)
    points = failing_points(worked.world.official_a, **bounds())
    assert [(p.code, p.failures) for p in points] == [("A2-BIN", 2), ("A1-BIN", 1)]


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("by", ["street", "community", "unit", "category", "round"])
def test_the_figures_take_as_many_queries_with_more_rows(worked, by):
    def count():
        return queries_of(lambda: figures_by(worked.world.official_a, by, **bounds()))

    count()  # the person's roles are read once and kept
    before = count()
    for point in (worked.bin_a1, worked.bin_a2, worked.gate_a1):
        inspect(point, worked.inspector_a, passed=False)
    assert count() == before <= 5
