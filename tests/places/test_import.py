"""CSV import of compounds, buildings, units and households through the admin's import page."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from apps.audit.models import StaffAction
from apps.places.models import Place

HEADER = "code,parent_code,kind,name,latitude,longitude,floor_area\n"


@pytest.fixture
def staff_client(client, world):
    world.community_a1.code = "A1"
    world.community_a1.save(update_fields=["code"])
    world.community_b1.code = "B1"
    world.community_b1.save(update_fields=["code"])
    client.force_login(world.staff_a1)
    return client


def upload(client, text: str):
    csv = SimpleUploadedFile("places.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(
        reverse("admin:places_place_import"),
        {"import_file": csv, "format": "0", "resource": "0"},
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(reverse("admin:places_place_process_import"), {**form.initial, "resource": "0"})


GOOD = HEADER + (
    "C9,A1,compound,新华里9号院,39.901,116.661,\n"
    "C9-1,C9,building,1号楼,39.902,116.662,\n"
    "C9-1-1,C9-1,unit,1单元,,,\n"
    "C9-1-1-101,C9-1-1,household,101室,,,86.5\n"
)


def test_staff_import_a_compound_with_its_buildings_units_and_households(staff_client, world):
    preview = upload(staff_client, GOOD)
    assert preview.status_code == 200
    assert not Place.objects.filter(code="C9").exists()  # the preview saves nothing
    confirm(staff_client, preview)
    household = Place.objects.get(code="C9-1-1-101")
    assert household.kind == "household"
    assert household.path.startswith(world.community_a1.path)
    assert str(household.floor_area) == "86.50"


def test_a_row_with_an_unknown_parent_names_the_row_and_nothing_is_imported(staff_client):
    text = GOOD + "C9-1-1-102,NOPE,household,102室,,,70\n"
    response = upload(staff_client, text)
    page = response.content.decode()
    assert "NOPE" in page
    assert "找不到编码" in page
    assert not Place.objects.filter(code__startswith="C9").exists()


def test_a_row_with_a_bad_number_is_reported_and_nothing_is_imported(staff_client):
    text = GOOD.replace("86.5", "八十六")
    response = upload(staff_client, text)
    assert "floor_area" in response.content.decode()
    assert not Place.objects.filter(code__startswith="C9").exists()


def test_staff_cannot_import_below_another_community(staff_client, world):
    response = upload(staff_client, HEADER + "X1,B1,compound,别人的小区,,,\n")
    page = response.content.decode()
    assert "找不到编码为“B1”的地点" in page
    assert world.community_b1.name not in page
    assert not Place.objects.filter(code="X1").exists()


@pytest.fixture
def coded_households(world):
    """A household of each of two communities, with codes and the floor areas a weighted vote uses."""
    own, foreign = world.households(world.community_a1)[0], world.households(world.community_b1)[0]
    for place, code in ((own, "A1-101"), (foreign, "B1-101")):
        place.code, place.floor_area = code, "60.22"
        place.save(update_fields=["code", "floor_area"])
    return own, foreign


def test_a_row_naming_a_place_of_another_community_is_refused_and_nothing_is_imported(
    staff_client, coded_households
):
    _own, foreign = coded_households
    response = upload(staff_client, GOOD + "B1-101,,household,改名,,,1.00\n")
    page = response.content.decode()
    assert "“B1-101”是您无权修改的地点的编码。" in page
    assert "第 5 行：code: “B1-101”是您无权修改的地点的编码。" in page
    assert "未导入任何内容。" in page
    assert foreign.name not in page  # the refused row shows nothing of the place
    foreign.refresh_from_db()
    assert (foreign.name, str(foreign.floor_area)) == ("101室", "60.22")
    assert not Place.objects.filter(code__startswith="C9").exists()


def test_the_confirming_step_imports_nothing_when_a_row_is_refused_by_then(staff_client, world):
    preview = upload(staff_client, GOOD)
    building = Place.objects.filter(path__startswith=world.community_b1.path, kind="building").first()
    building.code = "C9-1"  # since the preview, the code names another community's building
    building.save(update_fields=["code"])
    response = confirm(staff_client, preview)
    assert response.status_code == 302
    assert response.url == reverse("admin:places_place_import")
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown[0] == "未导入任何内容。请更正下列各行后重新导入文件。"
    assert "第 2 行：code: “C9-1”是您无权修改的地点的编码。" in shown
    assert not Place.objects.filter(code__startswith="C9-1-").exists()
    assert not Place.objects.filter(code="C9").exists()


def test_an_import_never_changes_a_place_kind(staff_client, coded_households):
    own, _ = coded_households
    response = upload(staff_client, HEADER + "A1-101,,unit,改成单元,,,\n")
    assert "导入从不改变地点的类型" in response.content.decode()
    own.refresh_from_db()
    assert (own.kind, own.name) == ("household", "101室")


def test_an_import_writes_each_row_to_the_audit_log_with_before_and_after(
    staff_client, world, coded_households
):
    own, _ = coded_households
    preview = upload(staff_client, GOOD + "A1-101,,household,101室,,,61.00\n")
    confirm(staff_client, preview)
    own.refresh_from_db()
    assert str(own.floor_area) == "61.00"
    changed = StaffAction.objects.get(action="place.change")
    assert (changed.actor, changed.place, changed.detail) == (
        world.staff_a1,
        own,
        "floor_area: 60.22 → 61.00",
    )
    added = StaffAction.objects.filter(action="place.add", actor=world.staff_a1)
    assert sorted(added.values_list("object_repr", flat=True)) == ["101室", "1单元", "1号楼", "新华里9号院"]
    household = added.get(object_repr="101室")
    assert "floor_area: — → 86.50" in household.detail.splitlines()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_an_import_leaves_the_planner_the_count_of_places_it_wrote(staff_client):
    confirm(staff_client, upload(staff_client, GOOD))
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'places_place'")
        assert cursor.fetchone()[0] == Place.objects.count()
