"""督办: deadlines warn, escalate to the community, then to the street — once each, by the schedule."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from apps.accounts import sms
from apps.notifications.models import Notification
from apps.reports.lifecycle import Status
from apps.reports.models import Report, Supervision
from apps.reports.services import report_submit, report_transition
from apps.reports.tasks import close_unrated_reports, supervise_deadlines


@pytest.fixture
def start(world):
    """After the world's roles were granted: an assignment only counts from its start."""
    return timezone.now()


@pytest.fixture
def report(board, categories, start, django_capture_on_commit_callbacks):
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        return report_submit(
            place=board.place, category=categories["lamp"], description="灯不亮", source="qr"
        )


def run_schedule_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return supervise_deadlines()


def levels(report, deadline="response"):
    return sorted(report.supervisions.filter(deadline=deadline).values_list("level", flat=True))


def titles_for(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_handlers_are_told_of_a_new_dispatch(report, world):
    assert any("楼道灯不亮" in t for t in titles_for(world.property_a1))


def test_handlers_are_warned_shortly_before_the_response_deadline(
    report, world, start, django_capture_on_commit_callbacks
):
    run_schedule_at(start + timedelta(hours=1, minutes=45), django_capture_on_commit_callbacks)
    assert levels(report) == [Supervision.Level.WARNING]
    assert any("超时预警" in t for t in titles_for(world.property_a1))


def test_a_missed_response_is_escalated_to_the_community_then_to_the_street(
    report, world, start, django_capture_on_commit_callbacks
):
    run_schedule_at(start + timedelta(hours=2, minutes=1), django_capture_on_commit_callbacks)
    assert levels(report) == [Supervision.Level.COMMUNITY]
    assert any("督办至社区负责人" in t for t in titles_for(world.staff_a1))
    assert not titles_for(world.official_a)
    run_schedule_at(start + timedelta(hours=4, minutes=1), django_capture_on_commit_callbacks)
    assert levels(report) == [Supervision.Level.COMMUNITY, Supervision.Level.STREET]
    assert any("督办至街道" in t for t in titles_for(world.official_a))
    report.refresh_from_db()
    assert report.escalation_level == Supervision.Level.STREET
    assert report.events.filter(action="escalated").count() == 2


def test_running_the_schedule_twice_escalates_nothing_twice(
    report, world, start, django_capture_on_commit_callbacks
):
    moment = start + timedelta(hours=5)
    first = run_schedule_at(moment, django_capture_on_commit_callbacks)
    notices = Notification.objects.count()
    second = run_schedule_at(moment, django_capture_on_commit_callbacks)
    assert first >= 2 and second == 0
    assert Notification.objects.count() == notices
    assert report.events.filter(action="escalated").count() == 2


def test_a_report_answered_in_time_is_not_escalated_for_its_response(
    report, world, start, django_capture_on_commit_callbacks
):
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        report_transition(report=report, action="accept", actor=world.property_a1)
    run_schedule_at(start + timedelta(hours=3), django_capture_on_commit_callbacks)
    assert levels(report) == []


def test_a_report_not_resolved_in_time_is_escalated_for_its_resolution(
    report, world, start, django_capture_on_commit_callbacks
):
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        report_transition(report=report, action="accept", actor=world.property_a1)
    run_schedule_at(start + timedelta(days=3, minutes=1), django_capture_on_commit_callbacks)
    assert levels(report, "resolution") == [Supervision.Level.COMMUNITY]


def test_an_urgent_report_must_be_dispatched_within_five_minutes(board, categories, start):
    with time_machine.travel(start, tick=False):
        report = report_submit(
            place=board.place, category=categories["wires"], description="飞线充电", source="qr"
        )
    assert report.urgent
    assert report.dispatch_due - report.created_at == timedelta(minutes=5)


def test_the_resident_is_asked_to_rate_by_text_message_when_the_report_is_resolved(
    board, categories, world, start, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            place=board.place,
            category=categories["lamp"],
            description="灯不亮",
            source="qr",
            contact_phone="13800138000",
        )
        report_transition(report=report, action="accept", actor=world.property_a1)
        report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    phone, message = sms.outbox[-1]
    assert phone == "+8613800138000"
    assert report.tracking_number in message and report.follow_token in message


def test_a_resolved_report_left_unrated_is_closed_without_a_rating(report, world, start):
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    after_the_visit_window = timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS + 1)
    with time_machine.travel(timezone.now() + after_the_visit_window, tick=False):
        assert close_unrated_reports() == 1
    report = Report.objects.get(pk=report.pk)
    assert report.status == Status.CLOSED
    assert report.satisfaction == ""


def test_a_report_returned_days_later_is_not_escalated_the_minute_it_comes_back(
    report, world, start, django_capture_on_commit_callbacks
):
    later = start + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        report_transition(report=report, action="return", actor=world.property_a1, note="不归物业管")
    run_schedule_at(later + timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert levels(report, "dispatch") == []
    run_schedule_at(later + timedelta(minutes=45), django_capture_on_commit_callbacks)
    assert Supervision.Level.COMMUNITY in levels(report, "dispatch")


def test_a_fresh_deadline_missed_again_is_escalated_again(
    report, world, start, django_capture_on_commit_callbacks
):
    from apps.reports.routing import Route

    first_return = start + timedelta(days=3)
    with time_machine.travel(first_return, tick=False):
        report_transition(report=report, action="return", actor=world.property_a1, note="不归物业管")
    run_schedule_at(first_return + timedelta(minutes=45), django_capture_on_commit_callbacks)
    with time_machine.travel(first_return + timedelta(hours=1), tick=False):
        report_transition(report=report, action="dispatch", actor=world.staff_a1, route=Route("community"))
    second_return = start + timedelta(days=4)
    with time_machine.travel(second_return, tick=False):
        report_transition(report=report, action="return", actor=world.staff_a1, note="转街道")
    run_schedule_at(second_return + timedelta(minutes=45), django_capture_on_commit_callbacks)
    missed = report.supervisions.filter(deadline="dispatch", level=Supervision.Level.COMMUNITY)
    assert missed.count() == 2
    assert len(set(missed.values_list("due_at", flat=True))) == 2
    assert report.events.filter(action="escalated", created_at__gt=second_return).count() == 1
