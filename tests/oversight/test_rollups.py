"""The rollups agree exactly with a direct count over the reports, however late reports change."""

from collections import Counter
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from apps.oversight.models import ROLLUP_COUNTS, DailyRollup, WeeklyRollup
from apps.oversight.rollups import rollups_rebuild, rollups_refresh, week_start
from apps.reports.lifecycle import OPEN_STATUSES
from apps.reports.models import Report
from apps.reports.rates import Rates, rates_of

from .conftest import CHANNELS, START, random_step, submit_at

FIGURES = ["reports", "responded_in_time", "rated", "solved", "satisfied"]


def rolled_up(model=DailyRollup, **filters) -> dict:
    sums = model.objects.filter(**filters).aggregate(**{name: Sum(name) for name in ROLLUP_COUNTS})
    return {name: value or 0 for name, value in sums.items()}


def rolled_up_rates(model=DailyRollup, **filters) -> Rates:
    sums = rolled_up(model, **filters)
    return Rates(**{name: sums[name] for name in FIGURES})


def assert_rollups_agree(world, now):
    for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
        reports = Report.objects.filter(community=community)
        for model in (DailyRollup, WeeklyRollup):
            assert rolled_up_rates(model, community=community) == rates_of(reports)
            figures = rolled_up(model, community=community)
            assert figures["submitted"] == reports.count()
            assert figures["open"] == reports.filter(status__in=OPEN_STATUSES).count()
            assert figures["overdue"] == reports.filter(status__in=OPEN_STATUSES, resolve_due__lt=now).count()
            assert (
                figures["escalated"]
                == reports.filter(status__in=OPEN_STATUSES, escalation_level__gt=0).count()
            )
    days = [timezone.localtime(at).date() for at in Report.objects.values_list("created_at", flat=True)]
    rows = DailyRollup.objects.values("day").annotate(n=Sum("submitted"))
    assert {row["day"]: row["n"] for row in rows} == dict(Counter(days))
    rows = WeeklyRollup.objects.values("week").annotate(n=Sum("submitted"))
    assert {row["week"]: row["n"] for row in rows} == dict(Counter(week_start(day) for day in days))
    for source in CHANNELS:
        reports = Report.objects.filter(source=source)
        for model in (DailyRollup, WeeklyRollup):
            assert rolled_up_rates(model, source=source) == rates_of(reports)
            assert rolled_up(model, source=source)["submitted"] == reports.count()
    departments = set(Report.objects.values_list("department_id", flat=True))
    assert len(departments - {None}) >= 2  # the street categories' departments of both streets
    for department in departments:
        reports = Report.objects.filter(department_id=department)
        for model in (DailyRollup, WeeklyRollup):
            assert rolled_up_rates(model, department_id=department) == rates_of(reports)
            assert rolled_up(model, department_id=department)["submitted"] == reports.count()
    for major in {r.category.parent for r in Report.objects.select_related("category__parent")}:
        reports = Report.objects.filter(category__parent=major)
        assert rolled_up_rates(WeeklyRollup, major=major) == rates_of(reports)
    assert weekly_sums_of_daily_rows() == weekly_rows_as_sums()


KEY = ("community_id", "management_unit_id", "department_id", "source")


def weekly_sums_of_daily_rows() -> dict:
    """The daily rows added up per week and key in Python, without the code under test."""
    sums: dict[tuple, Counter] = {}
    for row in DailyRollup.objects.select_related("category"):
        key = (week_start(row.day), row.category.parent_id, *(getattr(row, name) for name in KEY))
        sums.setdefault(key, Counter()).update({name: getattr(row, name) for name in ROLLUP_COUNTS})
    return sums


def weekly_rows_as_sums() -> dict:
    return {
        (row.week, row.major_id, *(getattr(row, name) for name in KEY)): Counter(
            {name: getattr(row, name) for name in ROLLUP_COUNTS}
        )
        for row in WeeklyRollup.objects.all()
    }


def test_a_rebuild_agrees_with_a_direct_count(world, history):
    assert_rollups_agree(world, START + timedelta(days=22))


def test_the_refresh_agrees_with_a_direct_count_after_random_late_changes(world, history):
    rng, reports = history
    for round_ in range(3):
        now = START + timedelta(days=23 + 5 * round_)
        with time_machine.travel(now, tick=False):
            for report in rng.sample(reports, 15):
                report.refresh_from_db()
                random_step(report, rng)
            rollups_refresh()
        assert_rollups_agree(world, now)


def direct_rates(reports) -> Rates:
    """The three rates' figures counted one report at a time, in Python."""
    counted = [r for r in reports if r.status not in ("merged", "rejected")]
    rated = [r for r in counted if r.rated_at is not None]
    return Rates(
        reports=len(counted),
        responded_in_time=sum(1 for r in counted if r.responded_at and r.responded_at <= r.response_due),
        rated=len(rated),
        solved=sum(1 for r in rated if r.solved),
        satisfied=sum(1 for r in rated if r.satisfaction in ("satisfied", "basic")),
    )


def test_the_rates_with_return_visits_equal_a_direct_recount(world, history):
    rng, reports = history
    with time_machine.travel(START + timedelta(days=23), tick=False):
        for report in rng.sample(reports, 20):
            report.refresh_from_db()
            random_step(report, rng)
        rollups_refresh()
    visited = Report.objects.filter(rated_by__in=["phone", "in_person"])
    assert visited.exists() and Report.objects.filter(rated_by="resident").exists()
    for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
        reports = Report.objects.filter(community=community)
        assert rates_of(reports) == direct_rates(reports) == rolled_up_rates(community=community)


def test_a_late_rating_updates_the_day_the_report_was_submitted(world, categories):
    household = world.households(world.community_a1)[0]
    report = submit_at(START, household, categories["lamp"])
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        rollups_rebuild()
    later = START + timedelta(days=12)
    with time_machine.travel(later, tick=False):
        for action in ("accept", "resolve"):
            report.refresh_from_db()
            random_step_to(report, action)
        report.refresh_from_db()
        random_step_to(report, "rate")
        days = rollups_refresh()
    assert days == {START.date()}
    row = DailyRollup.objects.get()
    assert (row.day, row.rated, row.satisfied, row.open) == (START.date(), 1, 1, 0)
    assert (row.compound, row.management_unit) == (world.compound(world.community_a1), world.unit_a1)
    week = WeeklyRollup.objects.get()
    assert (week.week, week.major, week.rated, week.satisfied, week.open) == (
        week_start(START.date()),
        categories["lamp"].parent,
        1,
        1,
        0,
    )


def random_step_to(report, action):
    from apps.reports.services import report_transition

    extra = {"note": "已修好"} if action == "resolve" else {}
    if action == "rate":
        extra = {"satisfaction": "satisfied", "solved": True}
    report_transition(report=report, action=action, system=True, **extra)


def test_a_report_turning_overdue_without_an_event_is_counted_at_the_next_refresh(world, categories):
    household = world.households(world.community_a1)[0]
    report = submit_at(START, household, categories["garbage"])  # to be resolved within a day
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        rollups_rebuild()
    assert DailyRollup.objects.get().overdue == 0
    with time_machine.travel(report.resolve_due + timedelta(minutes=1), tick=False):
        assert rollups_refresh() == {START.date()}
    assert DailyRollup.objects.get().overdue == 1


def test_a_refresh_with_nothing_changed_recomputes_no_day(world, categories):
    submit_at(START, world.households(world.community_a1)[0], categories["noise"])
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        rollups_rebuild()
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        assert rollups_refresh() == set()


def test_the_rebuild_command_counts_every_report(world, categories):
    for n in range(3):
        submit_at(START + timedelta(days=n), world.households(world.community_a2)[0], categories["noise"])
    call_command("rebuild_rollups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert rolled_up(community=world.community_a2)["submitted"] == 3
    assert DailyRollup.objects.count() == 3
    assert rolled_up(WeeklyRollup, community=world.community_a2)["submitted"] == 3
