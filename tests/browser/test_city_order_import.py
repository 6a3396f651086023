"""A city order imported from the hotline's export in the admin joins the report queue."""

from apps.hotline.models import CityOrder
from tests.factories import PASSWORD

from .steps import expect, sign_in

EXPORT = (
    "工单编号,派单时间,诉求内容,来电号码,问题地址,问题分类,紧急程度,响应时限,办结时限\n"
    "GD-20261201-0001,2026-12-01 09:30,夜间广场舞噪音扰民,13812345678,"
    "甲1小区 1号楼,噪音扰民,一般,,2026-12-04 09:30\n"
)


def test_staff_import_the_hotlines_export_and_find_the_order_in_the_queue(
    world, categories, new_page, screenshot, tmp_path
):
    export = tmp_path / "12345.csv"
    export.write_text(EXPORT, encoding="utf-8")

    staff = new_page(desktop=True)
    staff.goto("/admin/hotline/cityorder/")
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    staff.get_by_role("link", name="导入").click()
    staff.locator("input[type=file]").set_input_files(str(export))
    staff.locator("select[name=format]").select_option(label="csv")
    screenshot(staff, "import")
    staff.get_by_role("button", name="提交").click()
    expect(staff.get_by_text("GD-20261201-0001")).to_be_visible()
    screenshot(staff, "preview")
    staff.get_by_role("button", name="确认导入").click()
    expect(staff.get_by_text("GD-20261201-0001")).to_be_visible()
    screenshot(staff, "imported")

    report = CityOrder.objects.get(number="GD-20261201-0001").report
    staff.goto("/admin/reports/report/")
    row = staff.locator("tr", has=staff.get_by_role("link", name=report.tracking_number))
    expect(row).to_contain_text("噪音扰民")
    screenshot(staff, "in-the-queue")
    staff.get_by_role("link", name=report.tracking_number).click()
    expect(staff.get_by_text("夜间广场舞噪音扰民")).to_be_visible()
    expect(staff.get_by_text("12345 市民热线工单").first).to_be_visible()
    screenshot(staff, "the-report")
