"""
接诉即办 walked whole in the browser: the city's 12345 export imported at the desk (XLSX) → dispatched
by community staff to a street department with a co-handler → the department's staff, on their own
screen, accept it and return it once with the reason → back with its dispatcher, who dispatches it again
→ resolved with a photo → checked (审核) by community staff → called back (回访) from the queue →
its result downloaded in the hotline's shape and read back.
"""

from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from tablib import Dataset

from apps.hotline.models import CityOrder
from apps.places.services import department_of_street
from apps.reports.dispatch import suggestion_for
from apps.reports.lifecycle import Status
from apps.reports.models import Report, ReturnVisit
from tests.factories import PASSWORD, jpeg_bytes

from .steps import expect, sign_in

NUMBER = "GD-20261206-0417"
HEADERS = [
    "工单编号",
    "派单时间",
    "诉求内容",
    "来电号码",
    "问题地址",
    "问题分类",
    "紧急程度",
    "响应时限",
    "办结时限",
]


def hotline_export(path, sent) -> str:
    rows = Dataset(headers=HEADERS)
    resolve_due = sent + timedelta(days=3)
    text = "小区门口夜市占道经营，噪音到深夜十一点"
    rows.append(
        [
            NUMBER,
            f"{sent:%Y-%m-%d %H:%M}",
            text,
            "13812345678",
            "甲1小区 1号楼",
            "噪音扰民",
            "一般",
            "",
            f"{resolve_due:%Y-%m-%d %H:%M}",
        ]
    )
    path.write_bytes(rows.export("xlsx"))
    return str(path)


def signed_in_page(new_page, person, url: str):
    page = new_page(desktop=True)
    page.goto(url)
    sign_in(page, login=person.phone.as_national, password=PASSWORD)
    return page


def step(page, report, link: str, *, note: str = "", photo: bytes | None = None) -> None:
    """On the report's page, take a step through its link and its form."""
    page.goto(reverse("admin:reports_report_change", args=[report.pk]))
    page.get_by_role("link", name=link, exact=True).click()
    if note:
        page.get_by_label("说明").fill(note)
    if photo:
        page.get_by_label("处置结果照片").set_input_files(
            {"name": "result.jpg", "mimeType": "image/jpeg", "buffer": photo}
        )
    page.get_by_role("button", name=link).click()
    expect(page.get_by_text(f"已完成：{link}。")).to_be_visible()


def dispatch(page, report, *, department: str, note: str, cohandler: str = "") -> None:
    page.goto(reverse("admin:reports_report_change", args=[report.pk]))
    page.get_by_role("link", name="派单", exact=True).click()
    expect(page.locator("#suggested-handler")).to_contain_text("建议处置单位")
    page.get_by_label("处置单位").select_option(label=department)
    if cohandler:
        page.locator("#id_cohandlers").get_by_label(cohandler).check()
    page.get_by_label("说明").fill(note)
    return page


def test_a_city_order_walks_the_whole_chain_and_its_result_goes_back(
    world, categories, new_page, screenshot, tmp_path
):
    noise = categories["noise"]
    noise.needs_review = True
    noise.save(update_fields=["needs_review"])
    welfare = department_of_street(place=world.street_a, name="民生保障办公室")
    export = hotline_export(tmp_path / "12345.xlsx", timezone.localtime() - timedelta(hours=1))

    # the desk imports the hotline's export
    staff = signed_in_page(new_page, world.staff_a1, "/admin/hotline/cityorder/")
    staff.get_by_role("link", name="导入").click()
    staff.locator("input[type=file]").set_input_files(export)
    staff.locator("select[name=format]").select_option(label="xlsx")
    staff.get_by_role("button", name="提交").click()
    expect(staff.get_by_text(NUMBER)).to_be_visible()
    screenshot(staff, "import-preview")
    staff.get_by_role("button", name="确认导入").click()
    expect(staff.get_by_text(NUMBER)).to_be_visible()
    report = CityOrder.objects.get(number=NUMBER).report
    assert report.source == Report.Source.HOTLINE
    suggestion_for(report)  # the suggester learns once per process: seconds on a busy machine

    # dispatched by a person to the street's 城管办, with 民生保障办公室 as co-handler
    dispatch(
        staff, report, department=world.department_a.name, note="夜市占道，请城管处置", cohandler=welfare.name
    )
    screenshot(staff, "dispatch-with-a-co-handler")
    staff.get_by_role("button", name="派单").click()
    expect(staff.get_by_text("已派单。")).to_be_visible()
    units = staff.locator("#joined_units-group")
    expect(units).to_contain_text("民生保障办公室")
    screenshot(staff, "dispatched")

    # the department's staff, signed in on their own screen, find it in their queue and return it once
    handler = signed_in_page(new_page, world.department_staff_a, "/admin/reports/report/")
    expect(handler.get_by_role("link", name=report.tracking_number)).to_be_visible()
    screenshot(handler, "department-queue")
    step(handler, report, "签收")
    step(handler, report, "退单", note="地址只写到楼号，请核实是小区哪个门口")
    screenshot(handler, "returned")

    # back with its dispatcher, who reads why and dispatches it again
    staff.goto("/admin/reports/report/")
    row = staff.locator("tr", has=staff.get_by_role("link", name=report.tracking_number))
    expect(row).to_contain_text("已退单")
    screenshot(staff, "back-in-the-dispatchers-queue")
    staff.get_by_role("link", name=report.tracking_number).click()
    expect(staff.get_by_text("地址只写到楼号，请核实是小区哪个门口")).to_be_visible()
    dispatch(staff, report, department=world.department_a.name, note="已核实：甲1小区东门外")
    staff.get_by_role("button", name="派单").click()
    expect(staff.get_by_text("已派单。")).to_be_visible()

    # resolved with a photo
    step(handler, report, "签收")
    step(handler, report, "办结", note="已劝离摊贩，东门外设置禁停标识", photo=jpeg_bytes(colour="green"))
    screenshot(handler, "resolved")

    # checked by community staff before the caller is asked
    step(staff, report, "复查通过")
    screenshot(staff, "reviewed")

    # unrated after the waiting days: called back from the queue
    Report.objects.filter(pk=report.pk).update(reviewed_at=F("reviewed_at") - timedelta(days=4))
    staff.goto("/admin/reports/visitdue/")
    expect(staff.get_by_role("link", name=report.tracking_number)).to_be_visible()
    staff.get_by_role("link", name="登记回访").click()
    staff.get_by_label("电话", exact=True).check()
    staff.get_by_label("满意", exact=True).check()
    staff.get_by_label("已解决", exact=True).check()
    staff.get_by_label("说明").fill("来电人说摊贩已经不来了。")
    screenshot(staff, "return-visit")
    staff.get_by_role("button", name="登记回访").click()
    expect(staff.get_by_text(f"回访已登记：{report.tracking_number}")).to_be_visible()

    # the result exported back in the hotline's shape, for this month
    staff.goto("/admin/hotline/cityorder/")
    staff.get_by_role("link", name="导出办理结果").click()
    expect(staff.get_by_label("派单日期自")).to_be_visible()
    expect(staff.get_by_label("至")).to_have_value(timezone.localdate().strftime("%Y/%m/%d"))
    screenshot(staff, "export-form")
    with staff.expect_download() as download:
        staff.get_by_role("button", name="下载").click()
    rows = Dataset().load(download.value.path().read_bytes(), format="xlsx").dict
    assert [list(row.values()) for row in rows] == [
        [NUMBER, "已劝离摊贩，东门外设置禁停标识", rows[0]["答复时间"], "城市管理办公室", "满意"]
    ]
    report.refresh_from_db()
    assert (report.status, report.rated_by, report.department) == (Status.RATED, "phone", world.department_a)
    assert ReturnVisit.objects.filter(report=report).count() == 1
    actions = list(report.events.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "submitted",
        "dispatch",
        "dispatch",
        "add_cohandler",
        "accept",
        "return",
        "dispatch",
        "accept",
        "resolve",
        "review",
        "visit",
    ]
