"""吹哨报到 in a browser: community staff summon two units to a report; one's staff report in and add
their part with a photo; the other does not report in and is escalated after its deadline; the report
page shows it all, and the resident's follow page names the units called in, never their staff."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from apps.access.roles import Role
from apps.notifications.models import Notification
from apps.places.models import Department, Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Supervision
from apps.reports.services import report_submit
from apps.reports.tasks import supervise_deadlines
from tests.factories import PASSWORD, jpeg_bytes, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_community_staff_summon_two_units_one_reports_in_the_other_is_escalated(
    world, categories, new_page, screenshot
):
    district = Place.objects.get(path=world.street_a.ancestor_path(PlaceKind.DISTRICT))
    bureau = Department.objects.create(place=district, name="区住建委", kind=Department.Kind.DISTRICT_BUREAU)
    person_with_role(Role.DEPARTMENT_STAFF, department=bureau, display_name="区住建委科员")
    board = boards_post_for_doors(place=world.community_a1)[0]
    report = report_submit(
        place=board.place, category=categories["noise"], description="工地夜间施工噪音", source="qr"
    )
    start = timezone.now()

    staff = new_page(desktop=True)
    staff.goto(f"/admin/reports/report/{report.pk}/change/")
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    staff.get_by_role("link", name="吹哨召集单位").click()
    staff.get_by_label("城市管理办公室").check()
    staff.get_by_label("区住建委").check()
    staff.get_by_label("说明").fill("工地噪音涉及城管和住建，请两单位报到。")
    staff.get_by_role("button", name="吹哨召集单位").click()
    expect(staff.get_by_text("已完成：吹哨召集单位。")).to_be_visible()
    screenshot(staff, "summoned")

    unit = new_page(desktop=True)
    unit.goto("/admin/reports/report/")
    sign_in(unit, login=world.department_staff_a.phone.as_national, password=PASSWORD)
    unit.get_by_role("link", name=report.tracking_number).click()
    expect(unit.get_by_role("link", name="为区住建委报到")).to_have_count(0)  # not theirs
    unit.get_by_role("link", name="为城市管理办公室报到").click()
    unit.get_by_role("button", name="为城市管理办公室报到").click()
    expect(unit.get_by_text("城市管理办公室已报到。")).to_be_visible()
    unit.get_by_role("link", name="添加城市管理办公室的说明").click()
    unit.get_by_label("本单位处置情况").fill("已责令工地夜间停工，噪音已消除。")
    unit.get_by_label("照片").set_input_files(
        {"name": "site.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(colour="green")}
    )
    unit.get_by_label("本单位任务已完成").check()
    unit.get_by_role("button", name="城市管理办公室的说明").click()
    expect(unit.get_by_text("说明已添加。")).to_be_visible()
    screenshot(unit, "reported-in-and-done")

    with time_machine.travel(start + timedelta(hours=2, minutes=1), tick=True):
        supervise_deadlines()
        supervise_deadlines()  # the schedule runs again: nothing twice
        escalated = Supervision.objects.filter(deadline="report_in")
        assert list(escalated.values_list("unit__department__name", "level")) == [("区住建委", 1)]
        assert Notification.objects.filter(user=world.staff_a1, title__contains="区住建委未按时").count() == 1

        staff.reload()
        units = staff.locator("#joined_units-group")
        expect(units.get_by_role("row").filter(has_text="城市管理办公室")).to_contain_text("甲城管办")
        expect(units.get_by_role("row").filter(has_text="区住建委")).not_to_contain_text("科员")
        expect(staff.get_by_text("已责令工地夜间停工，噪音已消除。")).to_be_visible()
        expect(staff.get_by_text("区住建委 · 督办至社区负责人")).to_be_visible()  # the escalation step
        screenshot(staff, "report-page")

        resident = new_page()
        resident.goto(f"/r/{report.follow_token}/")
        expect(resident.get_by_text("共同处置的单位：区住建委、城市管理办公室")).to_be_visible()
        page = resident.content()
        assert "甲城管办" not in page and "已责令工地夜间停工" not in page
        screenshot(resident, "follow-page")
        assert_resident_page_passes(resident)
