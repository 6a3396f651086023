"""查询办件 on a phone, and the handler's queue at the desk: a resident who lost the private link
finds the report by number and phone digits; staff find it by the place's names."""

import pytest

from apps.places.models import Place, PlaceKind
from apps.reports.services import report_submit
from tests.factories import PASSWORD

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


@pytest.fixture
def report(world, categories):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    return report_submit(
        place=unit,
        category=categories["lamp"],
        description="3楼楼道灯不亮",
        source="qr",
        contact_phone="139 0000 3333",
    )


def test_a_resident_follows_a_report_by_its_number_and_the_phones_last_digits(new_page, screenshot, report):
    resident = new_page()
    resident.goto("/")
    resident.get_by_role("link", name="凭受理编号查询办件").click()
    assert_resident_page_passes(resident)
    resident.get_by_label("受理编号").fill(report.tracking_number.replace("-", "").lower())
    resident.get_by_label("留下的手机号码后4位").fill("0000")
    resident.get_by_role("button", name="查询").click()
    expect(resident.get_by_role("alert")).to_contain_text("没有与该受理编号和尾号相符的诉求")
    screenshot(resident, "wrong-digits")
    assert_resident_page_passes(resident)
    resident.get_by_label("留下的手机号码后4位").fill("3333")
    resident.get_by_role("button", name="查询").click()
    expect(resident.locator(".tracking")).to_have_text(report.tracking_number)
    expect(resident.get_by_text("承诺办结时间")).to_be_visible()
    expect(resident.get_by_text("甲1小区 1号楼 1单元")).to_be_visible()
    screenshot(resident, "follow-page")
    assert_resident_page_passes(resident)


def test_a_handler_finds_the_report_in_the_queue_by_the_places_names(new_page, screenshot, world, report):
    staff = new_page(desktop=True)
    staff.goto("/admin/reports/report/")
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    search = staff.locator("#searchbar")  # the queue's search, not the side menu's filter
    search.fill("甲1小区 2号楼")
    search.press("Enter")
    expect(staff.get_by_role("link", name=report.tracking_number)).to_have_count(0)
    staff.locator("#searchbar").fill("甲1小区 1号楼")
    staff.locator("#searchbar").press("Enter")
    expect(staff.get_by_role("link", name=report.tracking_number)).to_be_visible()
    screenshot(staff, "found-by-place")
    staff.get_by_role("link", name=report.tracking_number).click()
    expect(staff.get_by_text("甲1小区 1号楼 1单元")).to_be_visible()
    screenshot(staff, "report-page")
