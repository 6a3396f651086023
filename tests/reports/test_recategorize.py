from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.audit.models import StaffAction
from apps.places.models import Place, PlaceKind
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from apps.reports.services import TransitionError, report_recategorize, report_submit
from apps.reports.suggestions import street_examples


@pytest.fixture
def returned(world, categories):
    """A report of 甲1 its handler sent back to the dispatcher: waiting for dispatch again."""
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).first()
    report = report_submit(place=unit, category=categories["garbage"], description="垃圾", source="qr")
    Report.objects.filter(pk=report.pk).update(status=Status.RETURNED)
    return report


def test_staff_change_the_category_and_the_first_one_is_kept(world, categories, returned):
    report = report_recategorize(report=returned, category=categories["lamp"], by=world.staff_a1)
    report = report_recategorize(report=report, category=categories["wires"], by=world.staff_a1)

    report.refresh_from_db()
    assert (report.category, report.submitted_category) == (categories["wires"], categories["garbage"])


def test_the_change_is_a_timeline_step_and_an_audited_staff_action(world, categories, returned):
    report_recategorize(report=returned, category=categories["lamp"], by=world.staff_a1)

    event = returned.events.get(action="recategorize")
    assert categories["garbage"].name in event.note and categories["lamp"].name in event.note
    assert StaffAction.objects.filter(action="report.recategorize", actor=world.staff_a1).exists()


def test_staff_of_another_community_may_not_change_it(world, categories, returned):
    with pytest.raises(PermissionDenied):
        report_recategorize(report=returned, category=categories["lamp"], by=world.staff_b1)
    returned.refresh_from_db()
    assert returned.submitted_category is None


def test_a_dispatched_report_keeps_its_category(world, categories, returned):
    Report.objects.filter(pk=returned.pk).update(status=Status.DISPATCHED)

    with pytest.raises(TransitionError, match=r"Only a report waiting for dispatch|只有等待派单"):
        report_recategorize(report=returned, category=categories["lamp"], by=world.staff_a1)


def recategorize_url(report) -> str:
    return reverse("admin:reports_report_recategorize", args=[report.pk])


def test_staff_correct_the_category_from_the_reports_admin_page(client, world, categories, returned):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_change", args=[returned.pk])).content.decode()
    assert recategorize_url(returned) in page

    response = client.post(recategorize_url(returned), {"category": categories["lamp"].pk})

    assert response.status_code == 302
    returned.refresh_from_db()
    assert (returned.category, returned.submitted_category) == (categories["lamp"], categories["garbage"])


def test_the_admin_page_offers_no_correction_once_the_report_is_dispatched(
    client, world, categories, returned
):
    Report.objects.filter(pk=returned.pk).update(status=Status.DISPATCHED)
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_change", args=[returned.pk])).content.decode()
    assert recategorize_url(returned) not in page

    response = client.post(recategorize_url(returned), {"category": categories["lamp"].pk})

    assert response.status_code == 403
    returned.refresh_from_db()
    assert returned.category == categories["garbage"]


def test_a_property_handler_may_not_correct_the_category(client, world, categories, returned):
    client.force_login(world.property_a1)
    response = client.post(recategorize_url(returned), {"category": categories["lamp"].pk})
    assert response.status_code == 403
    returned.refresh_from_db()
    assert returned.category == categories["garbage"]


def test_staff_of_another_community_find_no_such_report_to_correct(client, world, categories, returned):
    client.force_login(world.staff_b1)
    response = client.post(recategorize_url(returned), {"category": categories["lamp"].pk})
    assert response.status_code == 404


def test_the_corrected_category_gives_the_report_its_deadlines(world, categories, returned):
    report = report_recategorize(report=returned, category=categories["noise"], by=world.staff_a1)

    report.refresh_from_db()
    assert report.resolve_due == report.created_at + timedelta(days=categories["noise"].resolve_days)
    assert report.response_due == report.created_at + timedelta(hours=categories["noise"].response_hours)


def test_the_corrected_category_is_what_the_suggester_learns_from(world, categories, returned):
    report_recategorize(report=returned, category=categories["noise"], by=world.staff_a1)

    assert ("垃圾", "env.noise") in street_examples(world.street_a)
