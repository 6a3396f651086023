"""督办 of 吹哨报到: a summoned unit that has not reported in by its deadline is escalated to the
community's staff, then to the street's officials — once each, however often the schedule runs."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.notifications.models import Notification
from apps.reports.models import Supervision
from apps.reports.services import report_transition
from apps.reports.tasks import supervise_deadlines
from apps.reports.units import unit_report_in, units_summon


@pytest.fixture
def start(world):
    return timezone.now()


@pytest.fixture
def summoned(world, noise_report, bureau_a, start, django_capture_on_commit_callbacks):
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        return units_summon(
            report=noise_report, departments=[world.department_a, bureau_a], actor=world.staff_a1
        )


def run_schedule_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return supervise_deadlines()


def report_in_levels(unit):
    return sorted(unit.supervisions.filter(deadline="report_in").values_list("level", flat=True))


def told(user, text):
    return Notification.objects.filter(user=user, title__contains=text).count()


def test_a_unit_not_reported_in_is_escalated_to_the_community_once(
    world, summoned, bureau_a, start, django_capture_on_commit_callbacks
):
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    for _run in range(2):
        run_schedule_at(start + timedelta(hours=2, minutes=1), django_capture_on_commit_callbacks)
    reported, missing = summoned
    assert report_in_levels(reported) == []
    assert report_in_levels(missing) == [Supervision.Level.COMMUNITY]
    assert told(world.staff_a1, "区住建委") == 1
    assert told(bureau_a.staff, "区住建委") == 1
    assert told(world.official_a, "区住建委") == 0
    assert missing.report.events.filter(action="unit_escalated").count() == 1


def test_still_not_reported_in_it_goes_to_the_street_once(
    world, summoned, start, django_capture_on_commit_callbacks
):
    run_schedule_at(start + timedelta(hours=2, minutes=1), django_capture_on_commit_callbacks)
    for _run in range(2):
        run_schedule_at(start + timedelta(hours=3, minutes=1), django_capture_on_commit_callbacks)
    for unit in summoned:
        assert report_in_levels(unit) == [Supervision.Level.COMMUNITY, Supervision.Level.STREET]
    assert told(world.official_a, "城市管理办公室") == 1
    assert told(world.official_a, "区住建委") == 1
    assert Supervision.objects.filter(deadline="report_in").count() == 4


def test_nothing_is_escalated_before_the_deadline(world, summoned, start, django_capture_on_commit_callbacks):
    run_schedule_at(start + timedelta(hours=1, minutes=59), django_capture_on_commit_callbacks)
    assert not Supervision.objects.filter(deadline="report_in").exists()


def test_a_closed_report_escalates_no_unit(
    world, noise_report, summoned, start, django_capture_on_commit_callbacks
):
    report_transition(report=noise_report, action="reject", actor=world.staff_a1, note="不属实")
    run_schedule_at(start + timedelta(hours=3, minutes=1), django_capture_on_commit_callbacks)
    assert not Supervision.objects.filter(deadline="report_in").exists()
