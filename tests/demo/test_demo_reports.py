"""The demo street's report history: months of reports whose every step the portal itself could have taken."""

import hashlib
import statistics
from collections import Counter
from datetime import timedelta
from itertools import groupby

import pytest
import time_machine
from django.db.models import F, Q
from django.utils import timezone

from apps.demo.builder import seed_demo
from apps.demo.plan import SMALL, STREET_CODE
from apps.hotline.models import CityOrder
from apps.places.models import Place, PlaceKind, depth_of
from apps.reports.joined_units import JoinedUnit
from apps.reports.lifecycle import OPEN_STATUSES, TRANSITIONS, Status
from apps.reports.models import Report, ReturnVisit, Supervision, TimelineEvent
from apps.reports.rates import rates_of
from apps.reports.routing import deadlines_for, default_route
from apps.reports.supervision import RULES, supervise
from apps.reports.visits import unrated_past_visits, visits_due

from .conftest import built_for_the_module

pytestmark = pytest.mark.django_db

COMPOUND_PATH = Place.steplen * depth_of(PlaceKind.COMPOUND)


@pytest.fixture(scope="module")
def moment():
    """When the street is built: a fixed instant, so that two builds can be compared."""
    return timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)


@pytest.fixture(scope="module")
def street(django_db_setup, django_db_blocker, tmp_path_factory, moment) -> Place:
    def build() -> Place:
        with time_machine.travel(moment, tick=False):
            seed_demo(size=SMALL)
        return Place.objects.get(code=STREET_CODE)

    with built_for_the_module(django_db_blocker, tmp_path_factory.mktemp("media"), build) as street:
        yield street


def timelines():
    """Each report's steps of its own lifecycle (its joined units' steps are written beside them)."""
    events = (
        TimelineEvent.objects.filter(unit__isnull=True).select_related("report").order_by("report_id", "pk")
    )
    for _, group in groupby(events, key=lambda event: event.report_id):
        group = list(group)
        yield group[0].report, group


def checksum() -> str:
    """The history drawn from the seed; the city orders sent now go through the services, whose
    tracking numbers are random by design, and count by their order numbers."""
    sent_now = Q(city_order__resolve_due__isnull=False)
    rows = (
        Report.objects.exclude(sent_now)
        .order_by("created_at", "tracking_number")
        .values_list("created_at", "category__code", "place__code", "status", "tracking_number")
    )
    orders = Report.objects.filter(sent_now).order_by("external_reference").values_list("external_reference")
    events = TimelineEvent.objects.order_by("created_at", "action").values_list("created_at", "action")
    return hashlib.sha256(repr([list(rows), list(orders), list(events)]).encode()).hexdigest()


def test_it_writes_a_few_hundred_reports_over_the_last_two_months(street, moment):
    reports = Report.objects.all()

    assert 200 <= reports.count() <= 450
    assert not reports.filter(created_at__gt=moment).exists()
    assert not reports.filter(created_at__lt=moment - timedelta(days=62)).exists()


def test_reports_come_mostly_from_the_qr_boards_and_also_from_every_other_channel(street):
    sources = Counter(Report.objects.values_list("source", flat=True))

    assert sources.most_common(1)[0][0] == Report.Source.QR
    assert set(sources) == {"qr", "web", "patrol", "on_behalf", "hotline"}


def test_every_report_is_in_the_status_its_last_event_left_it_in(street):
    for report, events in timelines():
        assert events[-1].status_after == report.status
    assert TimelineEvent.objects.values("report").distinct().count() == Report.objects.count()


def test_the_events_of_a_report_follow_one_another_in_time(street):
    for report, events in timelines():
        times = [event.created_at for event in events]
        assert times == sorted(times)
        assert times[0] == report.created_at
        assert [event.action for event in events[:2]] == ["submitted", "dispatch"]


def test_every_step_is_a_transition_the_lifecycle_allows(street):
    for _, events in timelines():
        status = None
        for event in events:
            if event.action == "submitted":
                assert status is None
                allowed = {Status.SUBMITTED}
            elif event.action == "escalated":
                allowed = {status}
            else:
                transition = TRANSITIONS[event.action]
                assert status in transition.sources, event
                rating = event.action in ("rate", "visit")
                allowed = {Status.RATED, Status.REOPENED} if rating else {transition.target}
            assert event.status_after in allowed, event
            status = event.status_after


def test_the_history_has_open_closed_reopened_merged_and_rejected_reports(street):
    statuses = Counter(Report.objects.values_list("status", flat=True))

    assert statuses[Status.CLOSED] > Report.objects.count() / 2
    assert sum(statuses[s] for s in OPEN_STATUSES) > 0
    assert statuses[Status.MERGED] and statuses[Status.REJECTED]
    assert TimelineEvent.objects.filter(status_after=Status.REOPENED).exists()


def test_merged_reports_point_to_an_earlier_report_of_the_same_category(street):
    merged = Report.objects.filter(status=Status.MERGED).select_related("merged_into")

    assert merged.exists()
    for report in merged:
        original = report.merged_into
        assert original.created_at < report.created_at
        assert original.category_id == report.category_id
        assert original.status not in (Status.MERGED, Status.REJECTED)
    assert not Report.objects.exclude(status=Status.MERGED).filter(merged_into__isnull=False).exists()


def test_rated_reports_carry_the_residents_satisfaction(street):
    rated = Report.objects.filter(rated_at__isnull=False)

    assert rated.filter(status=Status.CLOSED).exists()
    for report in rated:
        assert report.satisfaction in Report.Satisfaction.values
        assert report.solved is not None
    assert not Report.objects.filter(rated_at__isnull=True).exclude(satisfaction="").exists()
    assert not Report.objects.filter(status=Status.RATED, rated_at__isnull=True).exists()


def test_some_reports_wait_for_a_return_visit_and_some_were_visited(street, moment):
    with time_machine.travel(moment, tick=False):
        assert visits_due(Report.objects.all()).exists()
        assert not unrated_past_visits(Report.objects.all()).exists()  # the schedule closed those
    visits = ReturnVisit.objects.select_related("report")
    assert visits.exists()
    assert visits.count() == TimelineEvent.objects.filter(action="visit").count()
    for visit in visits:
        event = visit.report.events.get(action="visit", created_at=visit.at)
        assert event.status_after in (Status.RATED, Status.REOPENED)
    assert Report.objects.filter(rated_by__in=["phone", "in_person"]).exists()
    assert not Report.objects.filter(rated_at__isnull=False, rated_by="").exists()


def test_reports_of_checked_categories_are_reviewed_before_they_are_rated(street):
    for report, events in timelines():
        if not report.category.needs_review:
            continue
        actions = [event.action for event in events]
        for index, action in enumerate(actions):
            if action in ("rate", "visit"):
                assert actions[index - 1] == "review", actions


def test_reports_are_routed_and_timed_as_on_submission(street):
    reports = Report.objects.select_related(
        "place", "category", "management_unit", "city_order"
    ).prefetch_related("events")
    for report in reports:
        deadlines = deadlines_for(
            category=report.category, urgent=report.urgent, submitted_at=report.created_at
        )
        order = getattr(report, "city_order", None)
        if order is not None and order.resolve_due:  # the city's deadlines win over the category's
            assert (report.response_due, report.resolve_due) == (order.response_due, order.resolve_due)
            continue
        assert (report.dispatch_due, report.response_due, report.resolve_due) == (
            deadlines.dispatch_due,
            deadlines.response_due,
            deadlines.resolve_due,
        )
        by_hand = any(
            event.action == "return" or (event.action == "dispatch" and event.actor_kind != "system")
            for event in report.events.all()
        )
        if not by_hand:
            route = default_route(place=report.place, category=report.category)
            assert (report.handler_kind, report.management_unit, report.department) == (
                route.handler_kind,
                route.management_unit,
                route.department,
            )


def test_open_overdue_reports_have_been_escalated(street, moment):
    overdue = 0
    for rule in RULES:
        late = Report.objects.filter(
            rule.extra, status__in=rule.statuses, **{f"{rule.due_field}__lte": moment}
        )
        for report in late:
            overdue += 1
            assert report.supervisions.filter(
                deadline=rule.deadline, level=Supervision.Level.COMMUNITY
            ).exists()
            assert report.escalation_level >= Supervision.Level.COMMUNITY
    assert overdue


def test_the_schedule_finds_nothing_left_to_supervise_at_the_moment_of_building(street, moment):
    assert Supervision.objects.exists()

    assert supervise(moment) == []


def test_the_escalation_level_is_the_highest_level_supervised(street):
    for report in Report.objects.prefetch_related("supervisions"):
        own = [s.level for s in report.supervisions.all() if s.unit_id is None]  # not its units'
        assert report.escalation_level == max(own, default=0)


def test_the_three_rates_are_plausible(street):
    rates = rates_of(Report.objects.all())

    assert 0.6 <= rates.response_rate <= 0.99
    # return visits rate reports residents left unrated, mostly satisfied ones: a street's 12345
    # satisfaction runs in the 90s, never all
    assert 0.75 <= rates.satisfaction_rate <= 0.97
    assert 0.75 <= rates.resolution_rate <= 0.99


def test_some_reports_were_dispatched_by_hand_to_a_department_and_some_wait_at_the_street_desk(street):
    by_hand = TimelineEvent.objects.filter(
        action="dispatch", actor_kind="community", report__department__isnull=False
    )
    assert by_hand.exclude(report__category__handler="street").exists()
    at_desk = Report.objects.filter(at_street_desk=True)
    assert at_desk.exists()
    for report in at_desk:
        assert report.events.filter(action="return").count() >= 2
    assert (
        at_desk.filter(status=Status.RETURNED).exists()
        or at_desk.filter(events__actor_kind="street").exists()
    )


def test_a_few_compounds_are_hot_spots(street):
    per_compound = Counter(
        path[:COMPOUND_PATH] for path in Report.objects.values_list("place__path", flat=True)
    )
    counts = sorted(per_compound.values())

    assert counts[-1] >= 3 * statistics.median(counts)


def test_the_hotlines_reports_are_city_orders_and_fresh_ones_keep_the_citys_deadlines(street):
    hotline = Report.objects.filter(source=Report.Source.HOTLINE)
    orders = CityOrder.objects.filter(report__in=hotline)
    assert orders.count() == hotline.count() > 6
    assert not orders.exclude(number=F("report__external_reference")).exists()
    fresh = orders.filter(resolve_due__isnull=False).select_related("report")
    assert fresh.count() == 6
    assert all(order.report.resolve_due == order.resolve_due for order in fresh)


def test_some_reports_have_co_handlers_and_summoned_units_reported_in_and_not(street, moment):
    units = JoinedUnit.objects.select_related("report", "department")
    summoned = units.filter(part="summoned")
    assert units.filter(part="cohandler").exists()
    assert summoned.filter(reported_in_at__isnull=False, done_at__isnull=False).exists()
    assert summoned.filter(department__kind="district").exists()
    late = summoned.filter(reported_in_at__isnull=True, report_in_due__lte=moment)
    assert late.exists() and all(unit.supervisions.filter(level=1).exists() for unit in late)
    assert summoned.filter(reported_in_at__isnull=True, report_in_due__gt=moment).exists()
    for unit in units:
        assert unit.department_id != unit.report.department_id
        assert unit.report.place.path.startswith(unit.department.place.path)
        events = list(unit.events.order_by("created_at"))
        assert events[0].created_at >= unit.report.created_at
        assert all(event.created_at <= moment for event in events)
