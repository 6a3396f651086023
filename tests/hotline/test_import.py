"""Importing the hotline's export through the admin: every row or none, each refusal named; an
order imported twice updates its order, never doubles it."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.hotline.models import CityOrder
from apps.reports.models import Report, TimelineEvent

HEADER = "工单编号,派单时间,诉求内容,来电号码,问题地址,问题分类,紧急程度,响应时限,办结时限\n"
GOOD = HEADER + (
    "GD-1,2026-12-01 09:30,夜间噪音扰民,13812345678,甲街道 甲1社区 甲1小区 1号楼,env.noise,一般,"
    "2026-12-01 13:30,2026-12-04 09:30\n"
    "GD-2,2026/12/01 10:00,楼道灯坏了,,甲2小区1号楼1单元,设施维修 · 楼道灯不亮,紧急,,2026-12-02 10:00\n"
)


@pytest.fixture
def official_client(client, world, categories):
    client.force_login(world.official_a)
    return client


def upload(client, content: bytes, *, name="orders.csv", file_format="0"):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("admin:hotline_cityorder_import"),
        {"import_file": upload, "format": file_format, "resource": "0"},
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(reverse("admin:hotline_cityorder_process_import"), {**form.initial, "resource": "0"})


def imported(client, text: str):
    return confirm(client, upload(client, text.encode("utf-8")))


def test_an_official_imports_orders_into_the_queue_with_their_places_and_categories(official_client, world):
    preview = upload(official_client, GOOD.encode())
    assert not CityOrder.objects.exists()  # the preview saves nothing
    confirm(official_client, preview)
    noise = CityOrder.objects.get(number="GD-1").report
    lamp = CityOrder.objects.get(number="GD-2").report
    assert noise.place.name == "1号楼" and noise.place.is_within(world.community_a1)
    assert lamp.place.name == "1单元" and lamp.place.is_within(world.community_a2)
    assert (noise.category.code, lamp.category.code, lamp.urgent) == ("env.noise", "fac.lamp", True)
    assert (noise.source, noise.external_reference) == (Report.Source.HOTLINE, "GD-1")


def test_the_same_file_imported_twice_changes_nothing(official_client):
    imported(official_client, GOOD)
    before = list(Report.objects.order_by("pk").values_list("pk", "description", "resolve_due"))
    preview = upload(official_client, GOOD.encode())
    assert preview.context["result"].totals["skip"] == 2
    confirm(official_client, preview)
    assert list(Report.objects.order_by("pk").values_list("pk", "description", "resolve_due")) == before
    assert CityOrder.objects.count() == 2


def test_an_order_imported_again_with_new_words_updates_its_one_report(official_client):
    imported(official_client, GOOD)
    imported(official_client, GOOD.replace("夜间噪音扰民", "夜间噪音扰民，已持续一周"))
    assert Report.objects.filter(external_reference="GD-1").get().description == "夜间噪音扰民，已持续一周"
    assert Report.objects.count() == 2


def test_an_order_twice_in_one_file_is_one_order(official_client):
    imported(official_client, GOOD + GOOD.splitlines()[1] + "\n")
    assert Report.objects.filter(external_reference="GD-1").count() == 1


def test_an_unknown_place_is_refused_with_its_row_and_nothing_is_imported(official_client):
    page = upload(
        official_client, (GOOD + "GD-3,2026-12-01 11:00,井盖丢失,,火星小区,env.noise,一般,,\n").encode()
    )
    text = page.content.decode()
    assert "火星小区" in text and ("第 3 行" in text or "Row 3" in text)
    assert not CityOrder.objects.exists() and not Report.objects.exists()


def test_an_unknown_category_is_refused_with_its_row_and_nothing_is_imported(official_client):
    page = upload(
        official_client, (GOOD + "GD-3,2026-12-01 11:00,井盖丢失,,甲1小区,飞碟降落,一般,,\n").encode()
    )
    assert "飞碟降落" in page.content.decode()
    assert not Report.objects.exists()


def test_a_place_of_another_street_is_refused_like_an_unknown_one(official_client):
    page = upload(
        official_client, (GOOD + "GD-3,2026-12-01 11:00,井盖丢失,,乙1小区,env.noise,一般,,\n").encode()
    )
    assert "乙1小区" in page.content.decode()
    assert not Report.objects.exists()


def test_the_confirming_step_imports_nothing_when_a_row_is_refused_by_then(official_client, categories):
    preview = upload(official_client, GOOD.encode())
    categories["noise"].is_active = False
    categories["noise"].save(update_fields=["is_active"])
    confirm(official_client, preview)
    assert not Report.objects.exists()


def test_a_bad_time_or_urgency_is_named(official_client):
    bad = HEADER + "GD-9,昨天上午,噪音,,甲1小区,env.noise,非常急,,\n"
    text = upload(official_client, bad.encode()).content.decode()
    assert "昨天上午" in text and "紧急" in text
    assert not Report.objects.exists()


def test_an_xlsx_export_imports_like_a_csv(official_client):
    rows = [line.split(",") for line in GOOD.strip().splitlines()]
    workbook = tablib.Dataset(*rows[1:], headers=rows[0]).export("xlsx")
    preview = upload(official_client, workbook, name="orders.xlsx", file_format=_xlsx_format(official_client))
    confirm(official_client, preview)
    assert CityOrder.objects.count() == 2


def test_community_staff_import_only_at_their_own_community(client, world, categories):
    client.force_login(world.staff_a2)
    text = upload(client, GOOD.encode()).content.decode()
    assert "甲街道 甲1社区 甲1小区 1号楼" in text  # row 1 is in 甲1: not theirs
    assert not Report.objects.exists()


def _xlsx_format(client) -> str:
    page = client.get(reverse("admin:hotline_cityorder_import"))
    choices = page.context["form"].fields["format"].choices
    return next(str(value) for value, label in choices if "xlsx" in str(label).lower())


def _orders_file(count: int) -> tablib.Dataset:
    rows = [line.split(",") for line in HEADER.strip().splitlines()]
    lines = [
        [
            f"GD-{n}",
            "2026-12-01 09:30",
            f"夜间噪音扰民 {n}",
            "",
            "甲1小区1号楼1单元",
            "env.noise",
            "一般",
            "",
            "",
        ]
        for n in range(count)
    ]
    return tablib.Dataset(*lines, headers=rows[0])


def _import(by, dataset: tablib.Dataset):
    from apps.hotline.imports import CityOrderResource

    copy = tablib.Dataset(*dataset, headers=list(dataset.headers))
    return CityOrderResource(by=by).import_data(copy, dry_run=False, use_transactions=True)


def _lookups_of_second_import(world, count: int) -> tuple[int, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dataset = _orders_file(count)
    _import(world.official_a, dataset)
    with CaptureQueriesContext(connection) as queries:
        result = _import(world.official_a, dataset)
    return sum("SAVEPOINT" not in q["sql"].upper() for q in queries), dict(result.totals)


def test_a_second_import_of_the_same_file_changes_nothing_and_reads_no_more_for_more_rows(
    world, categories, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        few, few_totals = _lookups_of_second_import(world, 2)
    events = list(TimelineEvent.objects.order_by("pk").values_list("pk", "action"))
    reports = list(Report.objects.order_by("pk").values_list("pk", "description", "resolve_due", "status"))
    with django_capture_on_commit_callbacks(execute=True):
        many, many_totals = _lookups_of_second_import(world, 12)  # GD-0, GD-1 again, ten new
    assert (few_totals["skip"], many_totals["skip"], many_totals["new"]) == (2, 12, 0)
    assert many == few
    assert (
        list(
            Report.objects.filter(pk__in=[pk for pk, *_ in reports])
            .order_by("pk")
            .values_list("pk", "description", "resolve_due", "status")
        )
        == reports
    )
    assert TimelineEvent.objects.filter(report__in=[pk for pk, *_ in reports]).count() == len(events)
