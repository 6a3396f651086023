"""A period's figures read whole weeks from the weekly rollups and the days around them from the
daily ones; whatever the period, they equal a direct count over the reports."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.oversight import selectors
from apps.oversight.maps import grid_of, spots_of
from apps.oversight.rollups import day_start
from apps.oversight.selectors import Period, split
from apps.reports.models import Report
from apps.reports.rates import rates_of

from .conftest import START

MONDAY = date(2026, 11, 2)


def days(first: int, last: int) -> tuple[date, date]:
    return MONDAY + timedelta(days=first), MONDAY + timedelta(days=last)


@pytest.mark.parametrize(
    "period, weeks, parts",
    [
        (days(0, 6), days(0, 0), []),
        (days(0, 5), None, [days(0, 5)]),
        (days(2, 16), days(7, 7), [days(2, 6), days(14, 16)]),
        (days(0, 20), days(0, 14), []),
        (days(6, 7), None, [days(6, 7)]),
        (days(6, 13), days(7, 7), [days(6, 6)]),
    ],
)
def test_a_period_splits_into_whole_weeks_and_the_days_around_them(period, weeks, parts):
    found_weeks, found_days = split(Period(*period))
    assert (found_weeks and (found_weeks.since, found_weeks.until)) == weeks
    assert [(part.since, part.until) for part in found_days] == parts


def reports_of(world, period: Period):
    return Report.objects.filter(
        community__in=[world.community_a1, world.community_a2],
        created_at__gte=day_start(period.since),
        created_at__lt=day_start(period.until + timedelta(days=1)),
    )


PERIODS = [(0, 20), (2, 9), (3, 17), (0, 6), (1, 1), (-10, 40)]


@pytest.mark.parametrize("first, last", PERIODS)
def test_the_figures_of_any_period_equal_a_direct_count(world, history, first, last):
    period = Period(START.date() + timedelta(days=first), START.date() + timedelta(days=last))
    reports = reports_of(world, period)
    with time_machine.travel(START + timedelta(days=22), tick=False):
        submitted, rates = selectors.period_rates(world.official_a, period)
        ranked = selectors.ranked_by(world.official_a, "community", period)
        trend = selectors.weekly(world.official_a, period)
    assert (submitted, rates) == (reports.count(), rates_of(reports))
    assert {row.key: row.rates for row in ranked} == {
        community.pk: rates_of(reports.filter(community=community))
        for community in (world.community_a1, world.community_a2)
        if reports.filter(community=community).exists()
    }
    by_week = {}
    for report in reports:
        day = timezone.localtime(report.created_at).date()
        monday = day - timedelta(days=day.weekday())
        by_week[monday] = by_week.get(monday, 0) + 1
    assert {week.start: week.submitted for week in trend} == by_week


@pytest.mark.parametrize("first, last", PERIODS)
def test_the_map_and_the_grid_of_any_period_equal_a_direct_count(world, history, first, last):
    period = Period(START.date() + timedelta(days=first), START.date() + timedelta(days=last))
    reports = reports_of(world, period)
    spots = {spot.label: spot.count for spot in spots_of(world.official_a, period)}
    for community in (world.community_a1, world.community_a2):
        compound = world.compound(community)
        assert spots[compound.name] == reports.filter(place__path__startswith=compound.path).count()
    lines = grid_of(world.official_a, period)["lines"]
    assert sum(line["total"] for line in lines) == reports.count()


def test_a_minor_category_reads_the_daily_rows_and_a_major_one_the_weekly(world, history, categories):
    period = Period(START.date(), START.date() + timedelta(days=20))
    reports = reports_of(world, period)
    for category in (categories["lamp"], categories["lamp"].parent):
        submitted, rates = selectors.period_rates(world.official_a, period, category=category)
        chosen = (
            reports.filter(category=category)
            if category.parent_id
            else reports.filter(category__parent=category)
        )
        assert (submitted, rates) == (chosen.count(), rates_of(chosen))
