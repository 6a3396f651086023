"""A city order enters the report queue once, with the city's deadlines; sent again, it updates."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from apps.hotline.models import CityOrder
from apps.hotline.services import Outcome, city_order_receive
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from apps.reports.services import report_submit, report_transition

from .conftest import SENT, values

pytestmark = pytest.mark.django_db


def test_an_order_enters_the_queue_as_a_hotline_report_with_the_citys_deadlines(city_order):
    report = city_order.report
    assert (report.source, report.external_reference) == (Report.Source.HOTLINE, "12345-0001")
    assert report.contact_phone == "+8613812345678"
    assert report.status == Status.DISPATCHED  # routed at once, like every report
    assert (report.response_due, report.resolve_due) == (SENT + timedelta(hours=4), SENT + timedelta(days=3))


def test_the_same_order_number_again_changes_nothing(world, categories, city_order):
    again, outcome = city_order_receive(values=values(world, categories), by=world.staff_a1)
    assert (again.pk, outcome) == (city_order.pk, Outcome.UNCHANGED)
    assert (CityOrder.objects.count(), Report.objects.count()) == (1, 1)


def test_the_same_order_number_with_new_words_updates_its_order_and_report(world, categories, city_order):
    later = values(
        world, categories, text="补充：每晚八点到十点", urgent=True, resolve_due=SENT + timedelta(days=2)
    )
    _order, outcome = city_order_receive(values=later, by=world.staff_a1)
    assert outcome == Outcome.UPDATED
    report = Report.objects.get()
    assert (report.description, report.urgent, report.resolve_due) == (
        "补充：每晚八点到十点",
        True,
        SENT + timedelta(days=2),
    )
    assert CityOrder.objects.get().urgent is True


def test_without_city_deadlines_the_categorys_apply(world, categories):
    order, _ = city_order_receive(
        values=values(world, categories, response_due=None, resolve_due=None), by=world.staff_a1
    )
    report = order.report
    assert report.resolve_due - report.created_at == timedelta(days=categories["noise"].resolve_days)


def test_a_returned_order_keeps_the_citys_deadline_to_resolve(world, categories, city_order):
    report = city_order.report
    with time_machine.travel(SENT + timedelta(days=1)):
        report_transition(report=report, action="return", actor=world.staff_a1, note="不归社区管")
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    assert report.resolve_due == SENT + timedelta(days=3)


def test_a_reopened_order_keeps_the_citys_deadline_to_resolve(world, categories, city_order):
    report = city_order.report
    report_transition(report=report, action="accept", actor=world.staff_a1)
    report_transition(report=report, action="resolve", actor=world.staff_a1, note="已劝导")
    with time_machine.travel(SENT + timedelta(days=2)):
        report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False)
    report.refresh_from_db()
    assert report.status == Status.REOPENED
    assert report.resolve_due == SENT + timedelta(days=3)


def test_a_report_of_another_channel_gets_the_categorys_time_again_when_reopened(world, categories):
    report = report_submit(
        place=world.compound(world.community_a1),
        category=categories["noise"],
        description="夜间噪音",
        source=Report.Source.QR,
    )
    report_transition(report=report, action="accept", actor=world.staff_a1)
    report_transition(report=report, action="resolve", actor=world.staff_a1, note="已劝导")
    reopened_at = report.created_at + timedelta(days=5)
    with time_machine.travel(reopened_at, tick=False):
        report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False)
    report.refresh_from_db()
    assert report.resolve_due == reopened_at + timedelta(days=categories["noise"].resolve_days)


def test_staff_of_another_street_may_not_enter_an_order_here(world, categories):
    with pytest.raises(PermissionDenied):
        city_order_receive(values=values(world, categories), by=world.staff_b1)
    assert not Report.objects.exists()


def test_a_deadline_before_the_order_was_sent_is_refused_and_nothing_is_written(world, categories):
    with pytest.raises(ValidationError) as refused:
        city_order_receive(
            values=values(world, categories, resolve_due=SENT - timedelta(hours=1)), by=world.staff_a1
        )
    assert "resolve_due" in refused.value.message_dict
    assert not Report.objects.exists()


def test_a_bad_phone_is_refused_by_field(world, categories):
    with pytest.raises(ValidationError) as refused:
        city_order_receive(values=values(world, categories, caller_phone="12"), by=world.staff_a1)
    assert "caller_phone" in refused.value.message_dict
    assert not CityOrder.objects.exists()
