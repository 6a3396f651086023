"""回访: resolved reports left unrated wait in a queue; a visit rates them, or reopens them."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.notifications.models import Notification
from apps.reports.lifecycle import Status, TransitionError
from apps.reports.models import RatedBy, Report, ReturnVisit
from apps.reports.rates import rates_of
from apps.reports.services import report_submit, report_transition
from apps.reports.tasks import close_unrated_reports
from apps.reports.visits import report_visit, visits_due

WAITED = timedelta(days=settings.REPORT_RETURN_VISIT_AFTER_DAYS, hours=1)


def resolved_report(board, category, world) -> Report:
    report = report_submit(place=board.place, category=category, description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    return report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")


@pytest.fixture
def resolved(board, categories, world):
    return resolved_report(board, categories["lamp"], world)


def later(delta=WAITED):
    return time_machine.travel(timezone.now() + delta, tick=False)


def due_for(user):
    return list(visits_due(visible_to(user, Report.objects.all(), perm="reports.visit_report")))


def test_a_resolved_report_enters_the_queue_after_the_waiting_days(resolved, world):
    assert due_for(world.staff_a1) == []
    with later():
        assert due_for(world.staff_a1) == [resolved]


def test_a_rated_report_never_enters_the_queue(resolved, world):
    report_transition(report=resolved, action="rate", satisfaction="satisfied", solved=True)
    with later():
        assert due_for(world.staff_a1) == []


def test_another_communitys_staff_see_nothing_of_the_queue(resolved, world):
    with later():
        assert due_for(world.staff_a2) == []
        assert due_for(world.staff_b1) == []
        assert due_for(world.property_a1) == []


def test_a_satisfied_visit_rates_the_report_with_its_channel(resolved, world):
    with later():
        visit = report_visit(
            report=resolved, by=world.staff_a1, channel="phone", satisfaction="satisfied", solved=True
        )
    report = Report.objects.get(pk=resolved.pk)
    assert (report.status, report.satisfaction, report.solved) == (Status.RATED, "satisfied", True)
    assert report.rated_by == RatedBy.PHONE and report.rated_at == visit.at
    assert (visit.by, visit.channel) == (world.staff_a1, "phone")
    event = report.events.last()
    assert event.action == "visit" and "电话回访：满意；已解决" in event.note
    assert rates_of(Report.objects.all()).rated == 1


def test_an_unsatisfied_visit_reopens_the_report_with_its_handler_told(
    resolved, world, django_capture_on_commit_callbacks
):
    with later(), django_capture_on_commit_callbacks(execute=True):
        report_visit(
            report=resolved,
            by=world.staff_a1,
            channel="in_person",
            satisfaction="unsatisfied",
            solved=False,
            note="灯还是一闪一闪",
        )
    report = Report.objects.get(pk=resolved.pk)
    assert report.status == Status.REOPENED and report.rated_by == RatedBy.IN_PERSON
    notice = Notification.objects.filter(user=world.property_a1, title__contains="重新办理").get()
    assert "灯还是一闪一闪" in notice.body
    assert world.property_a1.has_perm("reports.handle_report", report)
    assert (
        report_transition(report=report, action="accept", actor=world.property_a1).status == Status.ACCEPTED
    )


def test_a_visit_on_an_open_report_is_refused_with_a_clear_message(board, categories, world):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    with pytest.raises(TransitionError, match="回访只针对已办结的诉求"):
        report_visit(report=report, by=world.staff_a1, channel="phone", satisfaction="satisfied", solved=True)
    assert not ReturnVisit.objects.exists()


def test_a_second_visit_after_the_report_is_rated_is_refused(resolved, world):
    report_visit(report=resolved, by=world.staff_a1, channel="phone", satisfaction="basic", solved=True)
    with pytest.raises(TransitionError, match="已经评价"):
        report_visit(
            report=resolved, by=world.staff_a1, channel="phone", satisfaction="satisfied", solved=True
        )
    assert ReturnVisit.objects.count() == 1
    assert Report.objects.get(pk=resolved.pk).satisfaction == "basic"


def test_a_visit_after_the_resident_rated_is_refused(resolved, world):
    report_transition(report=resolved, action="rate", satisfaction="satisfied", solved=True)
    with pytest.raises(TransitionError):
        report_visit(report=resolved, by=world.staff_a1, channel="phone", satisfaction="basic", solved=True)
    assert Report.objects.get(pk=resolved.pk).rated_by == RatedBy.RESIDENT


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"channel": "sms", "satisfaction": "satisfied", "solved": True}, "channel"),
        ({"channel": "phone", "satisfaction": "great", "solved": True}, "satisfaction"),
        ({"channel": "phone", "satisfaction": "satisfied", "solved": None}, "solved"),
    ],
)
def test_a_visit_with_an_answer_missing_is_refused_and_nothing_kept(resolved, world, answers, field):
    with pytest.raises(ValidationError) as refused:
        report_visit(report=resolved, by=world.staff_a1, **answers)
    assert field in refused.value.message_dict
    assert not ReturnVisit.objects.exists()
    assert Report.objects.get(pk=resolved.pk).status == Status.RESOLVED


def test_another_communitys_staff_may_not_record_a_visit(resolved, world):
    for outsider in (world.staff_a2, world.staff_b1, world.property_a1):
        with pytest.raises(PermissionDenied):
            report_visit(report=resolved, by=outsider, channel="phone", satisfaction="satisfied", solved=True)
    assert not ReturnVisit.objects.exists()


def test_the_close_task_leaves_a_report_in_its_visit_window_alone(resolved):
    with later(timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS - 1)):
        assert close_unrated_reports() == 0
    with later(timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS + 1)):
        assert close_unrated_reports() == 1
    assert Report.objects.get(pk=resolved.pk).status == Status.CLOSED


def test_the_return_visits_are_counted_in_the_three_rates(board, categories, world):
    answers = [("satisfied", True), ("basic", True), ("unsatisfied", False)]
    for satisfaction, solved in answers:
        report = resolved_report(board, categories["lamp"], world)
        report_visit(
            report=report, by=world.staff_a1, channel="phone", satisfaction=satisfaction, solved=solved
        )
    rates = rates_of(Report.objects.all())
    assert (rates.rated, rates.solved, rates.satisfied) == (3, 2, 2)


# -- the admin: the queue and the form --


def test_staff_record_a_visit_from_the_queue_in_the_admin(client, resolved, world):
    client.force_login(world.staff_a1)
    with later():
        queue = client.get(reverse("admin:reports_visitdue_changelist")).content.decode()
        assert resolved.tracking_number in queue
        url = reverse("admin:reports_visitdue_record", args=[resolved.pk])
        answers = {"channel": "phone", "satisfaction": "unsatisfied", "solved": "no", "note": "没修好"}
        response = client.post(url, answers)
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        assert url not in page and "已重新打开" in page
    assert Report.objects.get(pk=resolved.pk).status == Status.REOPENED


def test_the_form_tells_why_a_visit_is_refused(client, resolved, world):
    report_transition(report=resolved, action="rate", satisfaction="satisfied", solved=True)
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_visitdue_record", args=[resolved.pk])
    response = client.post(url, {"channel": "phone", "satisfaction": "satisfied", "solved": "yes"})
    assert response.status_code == 200 and "已经评价" in response.content.decode()
    assert not ReturnVisit.objects.exists()


def test_another_communitys_staff_get_not_found_for_the_form(client, resolved, world):
    client.force_login(world.staff_b1)
    url = reverse("admin:reports_visitdue_record", args=[resolved.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"channel": "phone", "satisfaction": "satisfied", "solved": "yes"}).status_code
        == 404
    )
    with later():
        assert (
            resolved.tracking_number
            not in client.get(reverse("admin:reports_visitdue_changelist")).content.decode()
        )


def test_the_queue_reads_a_flat_number_of_queries(
    client, board, categories, world, django_assert_max_num_queries
):
    for _ in range(3):
        resolved_report(board, categories["lamp"], world)
    client.force_login(world.staff_a1)
    with later(), django_assert_max_num_queries(25) as counted:
        client.get(reverse("admin:reports_visitdue_changelist"))
    few = len(counted)
    for _ in range(6):
        resolved_report(board, categories["lamp"], world)
    with later(), django_assert_max_num_queries(few):
        assert client.get(reverse("admin:reports_visitdue_changelist")).status_code == 200
