"""
A returned report comes back to the person who dispatched it, with the reason; returned twice it goes
up to the street's dispatch desk by itself: its officials are told, find it in the queue's "dispatch
desk" filter and dispatch it from then on, the community's staff no longer.
"""

import pytest
from django.urls import reverse

from apps.notifications.models import Notification
from apps.reports.dispatch import Seen, report_dispatch
from apps.reports.models import Report
from apps.reports.services import report_submit, report_transition
from tests.scoping import assert_twin_agrees_on, world_personas


@pytest.fixture
def report(world, categories, unit_a1, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return report_submit(
            place=unit_a1, category=categories["garbage"], description="垃圾桶满了", source="qr"
        )


def dispatched_by(report, person, handler):
    report.refresh_from_db()
    return report_dispatch(report=report, by=person, handler=handler, seen=Seen.of(report))


def returned(report, by, note, capture):
    with capture(execute=True):
        return report_transition(report=report, action="return", actor=by, note=note)


def told(person, words: str) -> bool:
    return Notification.objects.filter(user=person, title__contains=words).exists()


def test_a_returned_report_comes_back_to_its_dispatcher_with_the_reason(
    world, report, django_capture_on_commit_callbacks
):
    dispatched_by(report, world.official_a, f"department:{world.department_a.pk}")

    returned(report, world.department_staff_a, "不归城管管", django_capture_on_commit_callbacks)

    notice = Notification.objects.get(user=world.official_a, title__contains=report.tracking_number)
    assert notice.body == "不归城管管"
    assert not told(world.staff_a1, report.tracking_number)  # the dispatcher, not every staff member


def test_a_report_only_the_system_dispatched_comes_back_to_the_community_staff(
    world, report, django_capture_on_commit_callbacks
):
    returned(report, world.property_a1, "不是物业的事", django_capture_on_commit_callbacks)
    assert told(world.staff_a1, report.tracking_number)


def test_returned_twice_it_goes_up_to_the_street_desk_and_its_officials_are_told(
    world, report, django_capture_on_commit_callbacks
):
    report = returned(report, world.property_a1, "不是物业的事", django_capture_on_commit_callbacks)
    assert not report.at_street_desk
    report = dispatched_by(report, world.staff_a1, f"department:{world.department_a.pk}")

    report = returned(report, world.department_staff_a, "也不是城管的事", django_capture_on_commit_callbacks)

    assert report.at_street_desk
    assert told(world.staff_a1, report.tracking_number)  # its dispatcher
    desk = Notification.objects.get(user=world.official_a, key__endswith="-desk")
    assert report.tracking_number in desk.title and desk.body == "也不是城管的事"


def test_at_the_street_desk_community_staff_no_longer_dispatch_it_and_officials_do(
    world, report, django_capture_on_commit_callbacks
):
    for person in (world.property_a1, world.property_a1):
        report = returned(report, person, "退单", django_capture_on_commit_callbacks)
        if not report.at_street_desk:
            report = dispatched_by(report, world.staff_a1, f"unit:{world.unit_a1.pk}")
    assert report.at_street_desk
    assert not world.staff_a1.has_perm("reports.dispatch_report", report)
    assert not world.staff_a1.has_perm("reports.recategorize_report", report)
    assert world.official_a.has_perm("reports.dispatch_report", report)
    done = dispatched_by(report, world.official_a, f"department:{world.department_a.pk}")
    assert done.department == world.department_a and done.at_street_desk


def test_the_queue_filter_lists_the_reports_at_the_street_desk(
    client, world, categories, unit_a1, report, django_capture_on_commit_callbacks
):
    other = report_submit(place=unit_a1, category=categories["garbage"], description="另一件", source="qr")
    report = returned(report, world.property_a1, "退单", django_capture_on_commit_callbacks)
    report = dispatched_by(report, world.staff_a1, f"unit:{world.unit_a1.pk}")
    returned(report, world.property_a1, "再退", django_capture_on_commit_callbacks)
    client.force_login(world.official_a)

    page = client.get(reverse("admin:reports_report_changelist") + "?desk=street")

    assert list(page.context["cl"].result_list) == [report]
    assert other not in page.context["cl"].result_list


def test_who_may_dispatch_agrees_with_its_queryset_twin_at_and_off_the_desk(
    world, categories, unit_a1, report, django_capture_on_commit_callbacks
):
    report_submit(place=unit_a1, category=categories["garbage"], description="另一件", source="qr")
    for _ in range(2):
        report = returned(report, world.property_a1, "退单", django_capture_on_commit_callbacks)
        if not report.at_street_desk:
            report = dispatched_by(report, world.staff_a1, f"unit:{world.unit_a1.pk}")
    assert Report.objects.filter(at_street_desk=True).count() == 1
    perms = ["reports.dispatch_report", "reports.recategorize_report"]
    assert_twin_agrees_on(Report, perms, world_personas(world))


def test_the_dispatch_desk_filter_shows_to_those_who_work_the_desk_only(client, world, report):
    queue = reverse("admin:reports_report_changelist")
    client.force_login(world.official_a)
    assert "?desk=street" in client.get(queue).content.decode()

    for person in (world.staff_a1, world.property_a1, world.department_staff_a):
        client.force_login(person)
        assert "?desk=street" not in client.get(queue).content.decode()
