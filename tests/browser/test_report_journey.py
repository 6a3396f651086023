import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.core.management import call_command
from PIL import Image

from apps.places.models import Place
from apps.reports import printjobs
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from tests.factories import PASSWORD, jpeg_bytes

from .audit import assert_resident_page_passes
from .steps import expect, sign_in

TRACKING_NUMBER = re.compile(r"^\d{6}-[A-Z0-9]{6}$")


def printed_sheet(place: Place, folder: Path) -> Image.Image:
    """The first page of the boards' PDF for `place`, as the printer would put it on paper."""
    pdf = folder / "boards.pdf"
    with pdf.open("wb") as out:
        printjobs.board_sheet_write(place=place, out=out)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", pdf, folder / "sheet"], check=True)
    return Image.open(next(folder.glob("sheet*.png")))


def photo(name: str, colour: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_bytes(colour=colour)}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm: apt-get install poppler-utils")
def test_a_report_from_a_printed_board_is_resolved_by_property_staff_and_rated(
    world, live_server, settings, new_page, screenshot, tmp_path
):
    settings.SITE_URL = live_server.url
    call_command("load_categories", stdout=io.StringIO())
    sheet = printed_sheet(world.compound(world.community_a1), tmp_path)
    screenshot(sheet, "printed-sheet")
    [code] = zxingcpp.read_barcodes(sheet)
    assert code.text.startswith(f"{live_server.url}/s/")

    resident = new_page()
    resident.goto(code.text)
    expect(resident.get_by_role("heading", name="码上说，马上办")).to_be_visible()
    expect(resident.get_by_text(re.compile(r"反映位置 .*1单元"))).to_be_visible()
    assert_resident_page_passes(resident)
    resident.get_by_label("问题描述").fill("3楼楼道灯不亮，晚上看不见台阶。")
    resident.get_by_role("button", name="设施维修").click()
    resident.get_by_label("楼道灯不亮").check()
    resident.get_by_label(re.compile("^照片")).set_input_files(photo("stairs.jpg", "grey"))
    resident.get_by_label("您的手机号（选填）").fill("139 0000 3333")
    screenshot(resident, "report", full_page=False)  # the form as filled in
    resident.locator("button.send").click()
    expect(resident.locator(".tracking")).to_have_text(TRACKING_NUMBER)
    number = resident.locator(".tracking").inner_text()
    screenshot(resident, "tracking-number")
    assert_resident_page_passes(resident)
    report = Report.objects.get(tracking_number=number)
    assert (report.status, report.handler_kind, report.photos.count()) == (Status.DISPATCHED, "property", 1)

    staff = new_page(desktop=True)
    staff.goto("/admin/reports/report/")
    sign_in(staff, login=world.property_a1.phone.as_national, password=PASSWORD)
    staff.get_by_role("link", name=number).click()
    staff.get_by_role("link", name="签收").click()
    staff.get_by_role("button", name="签收").click()
    expect(staff.get_by_text("已完成：签收。")).to_be_visible()
    staff.get_by_role("link", name="办结").click()
    staff.get_by_label("说明").fill("已更换声控灯。")
    staff.get_by_label("处置结果照片").set_input_files(photo("lamp.jpg", "yellow"))
    staff.get_by_role("button", name="办结").click()
    expect(staff.get_by_text("已完成：办结。")).to_be_visible()
    screenshot(staff, "resolved-in-admin")

    resident.reload()
    expect(resident.get_by_text("已更换声控灯。")).to_be_visible()
    assert_resident_page_passes(resident)
    resident.get_by_label("满意", exact=True).check()
    resident.get_by_label("是", exact=True).check()
    resident.get_by_role("button", name="提交评价").click()
    expect(resident.get_by_text("感谢您的评价！")).to_be_visible()
    screenshot(resident, "rated")
    assert_resident_page_passes(resident)
    report.refresh_from_db()
    assert (report.status, report.satisfaction, report.solved) == (Status.RATED, "satisfied", True)
