"""The scheduled work: the refresh, the warnings and the weekly ledger sent to each responsible unit."""

import io
import zipfile
from datetime import timedelta

import time_machine
from openpyxl import load_workbook

from apps.notifications.models import Notification
from apps.oversight import tasks
from apps.oversight.ledger import as_xlsx
from apps.oversight.models import DailyRollup, EarlyWarning, LedgerSent

from .conftest import START, submit_at


def test_the_weekly_ledger_reaches_the_property_staff_of_the_unit_once(world, categories):
    for n in range(3):
        submit_at(START + timedelta(hours=n), world.households(world.community_a1)[0], categories["lamp"])
    with time_machine.travel(START + timedelta(days=7), tick=False):
        tasks.send_weekly_ledger()
        tasks.send_weekly_ledger()
    notices = Notification.objects.filter(user=world.property_a1)
    assert notices.count() == 1
    assert "楼道灯不亮 3" in notices.get().body
    assert not Notification.objects.filter(user=world.staff_b1).exists()
    kept = LedgerSent.objects.get()
    assert (kept.management_unit, kept.week, kept.total, kept.recipients) == (
        world.unit_a1,
        START.date(),
        3,
        1,
    )
    assert ["category", "楼道灯不亮", 3] in kept.lines


def test_the_refresh_task_counts_new_reports(world, categories):
    submit_at(START, world.households(world.community_a2)[0], categories["noise"])
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        tasks.refresh_rollups()
    assert DailyRollup.objects.get().submitted == 1


def test_the_warning_task_tells_the_community_staff(world, categories):
    for n in range(5):
        submit_at(START + timedelta(hours=n), world.households(world.community_a1)[0], categories["lamp"])
    with time_machine.travel(START + timedelta(days=1), tick=False):
        assert tasks.raise_early_warnings() == 2
    assert EarlyWarning.objects.count() == 2
    assert Notification.objects.filter(user=world.staff_a1).count() == 2
    assert not Notification.objects.filter(user=world.staff_a2).exists()


def test_the_xlsx_workbook_holds_its_rows_as_a_spreadsheet_reads_them():
    book = zipfile.ZipFile(io.BytesIO(as_xlsx([("单位", "数"), ("甲一物业单元", 3)])))
    assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= set(book.namelist())
    sheet = load_workbook(io.BytesIO(as_xlsx([("单位", "数"), ("甲一物业单元", 3)]))).active
    assert [[cell.value for cell in row] for row in sheet.rows] == [["单位", "数"], ["甲一物业单元", 3]]
    assert sheet["B2"].data_type == "n"
