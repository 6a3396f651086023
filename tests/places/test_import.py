"""CSV import of compounds, buildings, units and households through the admin's import page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
