"""回访 and 审核 in the browser: staff call a resident back from the queue in the admin; a result is
checked, sent back, checked again, and only then rated by the resident on the follow page."""

from datetime import timedelta

import pytest
from django.db.models import F

from apps.places.models import Place, PlaceKind
from apps.reports.lifecycle import Status
from apps.reports.models import Category, HandlerKind, Report
from apps.reports.services import report_submit, report_transition
from tests.factories import PASSWORD

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


@pytest.fixture
def lamp(db):
    facilities = Category.objects.create(code="fac", name="设施维修", handler=HandlerKind.PROPERTY)
    return Category.objects.create(
        parent=facilities, code="fac.lamp", name="楼道灯不亮", handler=HandlerKind.PROPERTY, resolve_days=3
    )


def resolved_report(world, category, *, days_ago: int = 0) -> Report:
    door = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).first()
    report = report_submit(place=door, category=category, description="3楼楼道灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report = report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡。")
    Report.objects.filter(pk=report.pk).update(resolved_at=F("resolved_at") - timedelta(days=days_ago))
    return report


def staff_page(new_page, person, url: str):
    page = new_page(desktop=True)
    page.goto(url)
    sign_in(page, login=person.phone.as_national, password=PASSWORD)
    return page


def test_staff_record_an_unsatisfied_visit_and_the_report_is_back_in_the_handlers_queue(
    world, lamp, new_page, screenshot
):
    report = resolved_report(world, lamp, days_ago=4)
    number = report.tracking_number

    staff = staff_page(new_page, world.staff_a1, "/admin/reports/visitdue/")
    expect(staff.get_by_role("link", name=number)).to_be_visible()
    screenshot(staff, "visit-queue")
    staff.get_by_role("link", name="登记回访").click()
    staff.get_by_label("电话", exact=True).check()
    staff.get_by_label("不满意", exact=True).check()
    staff.get_by_label("未解决", exact=True).check()
    staff.get_by_label("说明").fill("居民说灯还是一闪一闪。")
    screenshot(staff, "visit-form")
    staff.get_by_role("button", name="登记回访").click()
    expect(staff.get_by_text(f"回访已登记：{number}已重新打开")).to_be_visible()
    expect(staff.get_by_role("link", name=number)).to_have_count(0)
    report.refresh_from_db()
    assert (report.status, report.rated_by, report.satisfaction) == (Status.REOPENED, "phone", "unsatisfied")

    handler = staff_page(new_page, world.property_a1, "/admin/reports/report/")
    handler.get_by_role("link", name=number).click()
    expect(handler.get_by_text("电话回访：不满意；未解决。 居民说灯还是一闪一闪。")).to_be_visible()
    expect(handler.get_by_role("link", name="签收")).to_be_visible()
    screenshot(handler, "back-with-the-handler")


def test_a_check_failed_then_passed_before_the_resident_rates_on_the_follow_page(
    world, lamp, new_page, screenshot
):
    lamp.needs_review = True
    lamp.save(update_fields=["needs_review"])
    report = resolved_report(world, lamp)
    number = report.tracking_number

    resident = new_page()
    resident.goto(f"/r/{report.follow_token}/")
    expect(resident.get_by_text("社区正在审核办理结果，审核通过后会请您评价。")).to_be_visible()
    expect(resident.get_by_role("button", name="提交评价")).to_have_count(0)
    screenshot(resident, "waiting-for-the-check")

    staff = staff_page(new_page, world.staff_a1, f"/admin/reports/report/{report.pk}/change/")
    staff.get_by_role("link", name="复查未通过").click()
    staff.get_by_label("说明").fill("照片看不出已修好，请补拍。")
    staff.get_by_role("button", name="复查未通过").click()
    expect(staff.get_by_text("已完成：复查未通过。")).to_be_visible()

    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已补拍照片。")
    staff.reload()
    staff.get_by_role("link", name="复查通过").click()
    staff.get_by_role("button", name="复查通过").click()
    expect(staff.get_by_text("已完成：复查通过。")).to_be_visible()

    resident.reload()
    expect(resident.get_by_text("照片看不出已修好，请补拍。")).to_be_visible()
    assert_resident_page_passes(resident)
    resident.get_by_label("满意", exact=True).check()
    resident.get_by_label("是", exact=True).check()
    screenshot(resident, "rating-after-the-check")
    resident.get_by_role("button", name="提交评价").click()
    expect(resident.get_by_text("感谢您的评价！")).to_be_visible()
    screenshot(resident, "rated")
    report.refresh_from_db()
    assert (report.status, report.rated_by, number) == (Status.RATED, "resident", report.tracking_number)
