"""审核: in a category that asks for it, community staff check a result before the resident rates it."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.notifications.models import Notification
from apps.reports.lifecycle import Status, TransitionError
from apps.reports.models import Report
from apps.reports.services import report_submit, report_transition
from apps.reports.tasks import close_unrated_reports
from apps.reports.visits import report_visit


@pytest.fixture
def checked(categories):
    category = categories["lamp"]
    category.needs_review = True
    category.save(update_fields=["needs_review"])
    return category


@pytest.fixture
def resolved(board, checked, world, django_capture_on_commit_callbacks):
    report = report_submit(
        place=board.place, category=checked, description="灯不亮", source="qr", contact_phone="13800138000"
    )
    report_transition(report=report, action="accept", actor=world.property_a1)
    with django_capture_on_commit_callbacks(execute=True):
        return report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")


def follow(client, report):
    return client.get(reverse("reports:follow", args=[report.follow_token])).content.decode()


def titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_the_resident_may_not_rate_before_the_check(client, resolved):
    page = follow(client, resolved)
    assert "社区正在审核办理结果" in page and 'name="satisfaction"' not in page
    with pytest.raises(TransitionError, match="审核通过后才能评价"):
        report_transition(report=resolved, action="rate", satisfaction="satisfied", solved=True)
    assert Report.objects.get(pk=resolved.pk).status == Status.RESOLVED


def test_a_rating_posted_before_the_check_is_refused_on_the_page(client, resolved):
    url = reverse("reports:follow", args=[resolved.follow_token])
    response = client.post(url, {"satisfaction": "satisfied", "solved": "yes"})
    assert response.status_code == 200 and "审核通过后会请您评价" in response.content.decode()
    assert Report.objects.get(pk=resolved.pk).rated_at is None


def test_the_community_is_asked_to_check_and_the_resident_not_yet_to_rate(resolved, world):
    assert any("待审核" in title for title in titles(world.staff_a1))
    from apps.accounts import sms

    assert not any("请评价办理结果" in message for _, message in sms.outbox)


def test_the_resident_is_asked_to_rate_when_the_check_passes(
    client, resolved, world, django_capture_on_commit_callbacks
):
    from apps.accounts import sms

    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=resolved, action="review", actor=world.staff_a1)
    assert any(
        resolved.tracking_number in message and "请评价办理结果" in message for _, message in sms.outbox
    )
    assert 'name="satisfaction"' in follow(client, resolved)
    report = report_transition(report=resolved, action="rate", satisfaction="satisfied", solved=True)
    assert report.status == Status.RATED


def test_a_failed_check_goes_back_to_the_handler_with_the_reason(
    resolved, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_transition(
            report=resolved, action="fail_review", actor=world.staff_a1, note="照片看不出已修好"
        )
    assert report.status == Status.REOPENED
    notice = Notification.objects.filter(user=world.property_a1, title__contains="重新办理").get()
    assert notice.body == "照片看不出已修好"
    event = report.events.last()
    assert (event.action, event.note) == ("fail_review", "照片看不出已修好")


def test_a_result_resolved_again_is_checked_again(resolved, world):
    report_transition(report=resolved, action="review", actor=world.staff_a1)
    report_visit(
        report=resolved, by=world.staff_a1, channel="phone", satisfaction="unsatisfied", solved=False
    )
    report_transition(report=resolved, action="accept", actor=world.property_a1)
    report = report_transition(report=resolved, action="resolve", actor=world.property_a1, note="再修")
    assert report.reviewed_at is None
    with pytest.raises(TransitionError):
        report_transition(report=report, action="rate", satisfaction="satisfied", solved=True)


def test_the_timeline_shows_the_check(client, resolved, world):
    report_transition(report=resolved, action="review", actor=world.staff_a1)
    assert "复查通过" in follow(client, resolved)


def test_no_return_visit_before_the_check(resolved, world):
    with pytest.raises(TransitionError, match="审核"):
        report_visit(
            report=resolved, by=world.staff_a1, channel="phone", satisfaction="satisfied", solved=True
        )


def test_a_report_waiting_for_its_check_is_not_closed_unrated(resolved):
    later = timezone.now() + timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS + 1)
    with time_machine.travel(later, tick=False):
        assert close_unrated_reports() == 0


def test_the_check_is_set_per_category_in_the_admin(admin_client, checked):
    page = admin_client.get(reverse("admin:reports_category_change", args=[checked.pk])).content.decode()
    assert 'name="needs_review"' in page
