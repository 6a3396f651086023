"""What a handler reads of a report in the admin: the resident's photos, the full place, steps in Chinese."""

import io
import re

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import AdminReadonlyField
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import conditional_escape
from PIL import Image

from apps.core.photos import process_photo
from apps.places.selectors import place_label
from apps.reports.admin import TimelineInline
from apps.reports.admin_fieldsets import readonly_fieldset
from apps.reports.admin_inlines import inline_table
from apps.reports.joined_units import JoinedUnit
from apps.reports.models import Report, TimelineEvent
from apps.reports.services import report_submit, report_transition
from apps.reports.units import unit_report_in, units_summon


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def report(board, categories):
    return report_submit(
        place=board.place,
        category=categories["lamp"],
        description="3楼楼道灯不亮",
        source="qr",
        photos=[process_photo(jpeg())],
    )


def test_the_handler_sees_the_residents_photo_opening_full_size(client, world, report):
    photo = report.photos.get()
    client.force_login(world.property_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert f'<a href="{photo.image.url}"' in page and f'src="{photo.thumbnail.url}"' in page
    assert client.get(photo.thumbnail.url).status_code == 200


def test_the_report_page_names_the_place_in_full(client, world, report):
    client.force_login(world.property_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    full = place_label(report.place)
    assert " " in full and full in page


def test_timeline_rows_are_titled_in_chinese(client, world, report):
    report_transition(report=report, action="accept", actor=world.property_a1)
    client.force_login(world.property_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert f"{report.tracking_number} · 已提交" in page and f"{report.tracking_number} · 签收" in page
    assert "· submitted" not in page and "· accept<" not in page


def test_the_queue_marks_reports_with_photos(client, world, report, board, categories):
    without = report_submit(place=board.place, category=categories["lamp"], description="无照片", source="qr")
    client.force_login(world.property_a1)
    rows = {
        r.pk: r.has_photos
        for r in client.get(reverse("admin:reports_report_changelist")).context["cl"].result_list
    }
    assert rows == {report.pk: True, without.pk: False}


def test_the_report_page_costs_the_same_queries_as_its_timeline_grows(
    client, world, report, django_assert_max_num_queries
):
    page = reverse("admin:reports_report_change", args=[report.pk])
    client.force_login(world.property_a1)
    client.get(page)  # what a first visit learns once
    with django_assert_max_num_queries(60) as counted:
        assert client.get(page).status_code == 200
    few = len(counted)
    for n in range(3):
        report_transition(report=report, action="accept", actor=world.property_a1)
        report_transition(report=report, action="start", actor=world.property_a1)
        report_transition(report=report, action="resolve", actor=world.property_a1, note=f"第{n}次修好")
        report_transition(report=report, action="fail_review", actor=world.staff_a1, note="灯还是不亮")
    with django_assert_max_num_queries(few):
        assert client.get(page).status_code == 200


def admins_cells(inline, request, report) -> list[list[str]]:
    """Each row of the inline as the admin's tabular inline shows it read-only: the object, then each
    field's `AdminReadonlyField.contents`."""
    formset = inline.get_formset(request, report)(instance=report, queryset=inline.get_queryset(request))
    return [
        [str(conditional_escape(form.instance))]
        + [AdminReadonlyField(form, name, False, model_admin=inline).contents() for name in inline.fields]
        for form in formset.forms
    ]


def table_cells(table) -> list[list[str]]:
    return [re.findall(r"<p>(.*?)</p>", row, re.S) for row in table.rows]


def test_the_timeline_and_the_units_show_what_the_admins_inlines_show(world, noise_report, bureau_a):
    units = units_summon(
        report=noise_report, departments=[world.department_a, bureau_a], actor=world.staff_a1
    )
    unit_report_in(unit=units[0], actor=world.department_staff_a)
    report_transition(report=noise_report, action="accept", actor=world.staff_a1, note="马上到\n<带梯子>")
    request = RequestFactory().get("/")
    request.user = world.staff_a1
    for inline_class in admin.site._registry[Report].shown_inlines:
        inline = inline_class(Report, admin.site)
        table = inline_table(inline, request, noise_report)
        assert table_cells(table) == admins_cells(inline, request, noise_report)
        assert len(table.rows) == (2 if inline.model is JoinedUnit else TimelineEvent.objects.count())
    timeline = "".join(inline_table(TimelineInline(Report, admin.site), request, noise_report).rows)
    assert "马上到<br>&lt;带梯子&gt;" in timeline and world.staff_a1.display_name in timeline


def _tags_only(markup: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", markup)).strip()


@pytest.mark.parametrize("persona", ["staff_a1", "property_a1"])  # the phone shown, and masked
def test_the_read_only_fields_are_written_as_the_admins_fieldset_renders_them(client, world, report, persona):
    report_transition(report=report, action="accept", actor=world.property_a1)
    client.force_login(getattr(world, persona))
    page = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    fieldsets = list(page.context["adminform"])
    assert len(fieldsets) == 1 and len(list(fieldsets[0])) == 24
    for fieldset in fieldsets:
        admins = render_to_string(
            "admin/includes/fieldset.html",
            {"fieldset": fieldset, "heading_level": 2, "prefix": "fieldset", "id_prefix": 0, "id_suffix": 0},
        )
        ours = readonly_fieldset(fieldset)
        assert _tags_only(ours) == _tags_only(admins)
        assert ours in page.content.decode()


def test_a_fieldset_with_a_heading_is_left_to_the_admins_template(client, world, report):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    fieldset = next(iter(page.context["adminform"]))
    fieldset.name = "处置"
    assert readonly_fieldset(fieldset) is None
