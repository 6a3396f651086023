"""No report stalls: a reopened report is back with the handler who resolved it, who is told at once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.notifications.models import Notification
from apps.reports.lifecycle import TRANSITIONS, Status
from apps.reports.models import Supervision
from apps.reports.routing import Route
from apps.reports.services import report_submit, report_transition
from apps.reports.tasks import supervise_deadlines

HANDLERS = {
    "property": ("property_a1", Route("property")),
    "community": ("staff_a1", Route("community")),
    "street": ("department_staff_a", None),
}


@pytest.fixture(params=sorted(HANDLERS))
def handled(request, board, categories, world, django_capture_on_commit_callbacks):
    """A report dispatched by community staff to each kind of handler, and that handler."""
    person, route = HANDLERS[request.param]
    if request.param == "property":
        route = Route("property", management_unit=world.unit_a1)
    if request.param == "street":
        route = Route("street", department=world.department_a)
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    if report.status != Status.SUBMITTED:  # routed on submission: bring it back to the dispatcher
        report = report_transition(
            report=report, action="return", actor=_handler_of(report, world), note="转办"
        )
    report = report_transition(report=report, action="dispatch", actor=world.staff_a1, route=route)
    return report, getattr(world, person)


def _handler_of(report, world):
    return world.property_a1 if report.handler_kind == "property" else world.staff_a1


def test_resolve_unsatisfied_reopened_handled_again_then_rated_satisfied(
    handled, world, django_capture_on_commit_callbacks
):
    report, handler = handled
    report_transition(report=report, action="accept", actor=handler)
    report_transition(report=report, action="resolve", actor=handler, note="已修好")
    first_deadline = report.__class__.objects.get(pk=report.pk).resolve_due
    later = timezone.now() + timedelta(days=2)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        report = report_transition(
            report=report, action="rate", satisfaction="unsatisfied", solved=False, note="还是不亮"
        )
    assert report.status == Status.REOPENED
    assert report.resolve_due > first_deadline  # a fresh deadline, from the reopening
    # the same handler may act on it at once, without a new dispatch
    assert handler.has_perm(TRANSITIONS["accept"].permission, report)
    titles = lambda user: list(Notification.objects.filter(user=user).values_list("title", flat=True))  # noqa: E731
    assert any("重新办理" in t and report.tracking_number in t for t in titles(handler))
    assert any("重新办理" in t for t in titles(world.staff_a1))
    report = report_transition(report=report, action="accept", actor=handler)
    report = report_transition(report=report, action="resolve", actor=handler, note="换了灯管")
    report = report_transition(report=report, action="rate", satisfaction="satisfied", solved=True)
    assert report.status == Status.RATED


def test_a_failed_review_goes_back_to_the_handler_too(board, categories, world):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    report = report_transition(
        report=report, action="fail_review", actor=world.official_a, note="照片看不出已修好"
    )
    assert report.status == Status.REOPENED
    assert (
        report_transition(report=report, action="accept", actor=world.property_a1).status == Status.ACCEPTED
    )


def test_a_reopened_report_left_alone_is_escalated_by_its_fresh_deadline(
    board, categories, world, django_capture_on_commit_callbacks
):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    report = report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False)
    with (
        time_machine.travel(report.resolve_due + timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        supervise_deadlines()
    assert report.supervisions.filter(
        deadline=Supervision.Deadline.RESOLUTION, level=Supervision.Level.COMMUNITY
    ).exists()


def test_community_staff_may_still_send_a_reopened_report_to_another_handler(board, categories, world):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    report = report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False)
    report = report_transition(
        report=report, action="dispatch", actor=world.staff_a1, route=Route("community")
    )
    assert (report.status, report.handler_kind) == (Status.DISPATCHED, "community")


def test_a_returned_report_comes_back_to_the_dispatcher_with_the_reason(
    board, categories, world, django_capture_on_commit_callbacks
):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, action="return", actor=world.property_a1, note="市政路灯")
    notice = Notification.objects.get(user=world.staff_a1, title__contains="退回待派单")
    assert report.tracking_number in notice.title and notice.body == "市政路灯"
