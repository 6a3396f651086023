"""
Dispatch by a person, in the browser: community staff send a report to a street department chosen by
hand; the department's staff accept it and return it; it is dispatched again and returned again, and
then sits at the street's dispatch desk, where the street's officials find it and the community's
staff no longer dispatch it.
"""

from django.urls import reverse

from apps.places.models import Place, PlaceKind
from apps.reports.models import Report
from apps.reports.services import report_submit
from tests.factories import PASSWORD

from .steps import expect, sign_in


def dispatch_by_hand(page, report, department: str) -> None:
    page.goto(reverse("admin:reports_report_change", args=[report.pk]))
    page.get_by_role("link", name="派单", exact=True).click()
    expect(page.locator("#suggested-handler")).to_contain_text("建议处置单位")
    page.get_by_label("处置单位").select_option(label=department)
    page.get_by_role("button", name="派单").click()
    expect(page.get_by_text("已派单。")).to_be_visible()


def returned(page, report, reason: str) -> None:
    page.goto(reverse("admin:reports_report_change", args=[report.pk]))
    page.get_by_role("link", name="退单", exact=True).click()
    page.get_by_label("说明").fill(reason)
    page.get_by_role("button", name="退单").click()
    expect(page.get_by_text("已完成：退单。")).to_be_visible()


def test_a_report_dispatched_by_hand_and_returned_twice_sits_at_the_street_desk(
    world, categories, live_server, new_page, screenshot
):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    report = report_submit(
        place=unit, category=categories["garbage"], description="小区门口占道经营", source="qr"
    )
    department = world.department_a.name  # 城市管理办公室, not the category's handler

    staff = new_page(desktop=True)
    staff.goto(reverse("admin:reports_report_change", args=[report.pk]))
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    staff.goto(reverse("admin:reports_report_dispatch", args=[report.pk]))
    screenshot(staff, "dispatch-page")
    dispatch_by_hand(staff, report, department)
    report.refresh_from_db()
    assert report.department == world.department_a

    handler = new_page(desktop=True)
    handler.goto(reverse("admin:reports_report_change", args=[report.pk]))
    sign_in(handler, login=world.department_staff_a.phone.as_national, password=PASSWORD)
    handler.get_by_role("link", name="签收", exact=True).click()
    handler.get_by_role("button", name="签收").click()
    expect(handler.get_by_text("已完成：签收。")).to_be_visible()
    returned(handler, report, "不属于城管职责")

    dispatch_by_hand(staff, report, department)
    returned(handler, report, "仍不属于城管职责")
    report.refresh_from_db()
    assert report.at_street_desk and report.events.filter(action="return").count() == 2

    staff.goto(reverse("admin:reports_report_change", args=[report.pk]))
    expect(staff.get_by_role("link", name="派单", exact=True)).to_have_count(0)

    official = new_page(desktop=True)
    official.goto(reverse("admin:reports_report_changelist") + "?desk=street")
    sign_in(official, login=world.official_a.phone.as_national, password=PASSWORD)
    official.goto(reverse("admin:reports_report_changelist") + "?desk=street")
    expect(official.get_by_role("link", name=report.tracking_number)).to_be_visible()
    screenshot(official, "street-desk-queue")
    official.goto(reverse("admin:reports_report_find") + f"?q={report.tracking_number}")
    expect(official.get_by_text("仍不属于城管职责")).to_be_visible()
    screenshot(official, "find-a-case")
    assert Report.objects.get(pk=report.pk).status == "returned"
