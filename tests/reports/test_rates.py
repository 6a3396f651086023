"""The three rates, on a handful of reports whose outcome is known."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.reports.models import Report
from apps.reports.rates import Rates, rates_by, rates_of
from apps.reports.services import report_submit, report_transition


@pytest.fixture
def outcomes(board, categories, world):
    """Five reports: two answered in time and rated (satisfied; unsatisfied and unsolved), one answered
    late, one never answered, one rejected (not counted)."""
    start = timezone.now()

    def new():
        return report_submit(place=board.place, category=categories["lamp"], description="灯", source="qr")

    def respond(report, after):
        with time_machine.travel(start + after, tick=False):
            report_transition(report=report, action="accept", actor=world.property_a1)

    def finish(report, satisfaction, solved):
        report_transition(report=report, action="resolve", actor=world.property_a1, note="好了")
        report_transition(report=report, action="rate", satisfaction=satisfaction, solved=solved)

    with time_machine.travel(start, tick=False):
        reports = [new() for _ in range(5)]
    respond(reports[0], timedelta(minutes=10))
    finish(reports[0], "satisfied", True)
    respond(reports[1], timedelta(minutes=50))
    finish(reports[1], "unsatisfied", False)
    respond(reports[2], timedelta(hours=3))
    report_transition(report=reports[4], action="reject", actor=world.staff_a1, note="重复")
    return reports


def test_the_three_rates_count_what_the_definitions_say(outcomes):
    rates = rates_of(Report.objects.all())
    assert (rates.reports, rates.responded_in_time, rates.rated, rates.solved, rates.satisfied) == (
        4,
        2,
        2,
        1,
        1,
    )
    assert rates.response_rate == pytest.approx(0.5)
    assert rates.resolution_rate == pytest.approx(0.5)
    assert rates.satisfaction_rate == pytest.approx(0.5)


def test_the_composite_score_weighs_the_rates():
    rates = Rates(reports=10, responded_in_time=10, rated=4, solved=2, satisfied=4)
    weights = {"response": 0.5, "resolution": 0.25, "satisfaction": 0.25}
    assert rates.composite(weights) == pytest.approx(0.5 * 1 + 0.25 * 0.5 + 0.25 * 1)


def test_no_rated_reports_means_no_resolution_or_satisfaction_rate_not_zero():
    rates = Rates(reports=3, responded_in_time=3, rated=0, solved=0, satisfied=0)
    assert rates.resolution_rate is None and rates.satisfaction_rate is None
    assert rates.composite() == pytest.approx(1.0)


def test_rates_by_community_group_the_same_figures(outcomes, world):
    by_community = rates_by(Report.objects.all(), "community")
    assert list(by_community) == [world.community_a1.pk]
    assert by_community[world.community_a1.pk] == rates_of(Report.objects.all())
