"""Importing inspection points from CSV through the admin: every row or none, each refusal named."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.inspections.models import InspectionPoint

HEADER = "code,name,category,place,address,latitude,longitude,street_department\n"
GOOD = HEADER + (
    "P-1,新华里9号院垃圾桶站,bin_station,CA1,新华里9号院东门,39.901,116.661,\n"
    "P-2,新华西街背街小巷,back_street,A2,新华西街,39.902,116.662,城市管理办公室\n"
)


@pytest.fixture
def official_client(client, civility):
    world = civility.world
    for place, code in [(world.compound(world.community_a1), "CA1"), (world.community_a2, "A2")]:
        place.code = code
        place.save(update_fields=["code"])
    world.community_b1.code = "B1"
    world.community_b1.save(update_fields=["code"])
    client.force_login(world.official_a)
    return client


def upload(client, text: str):
    csv = SimpleUploadedFile("points.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(
        reverse("admin:inspections_inspectionpoint_import"),
        {"import_file": csv, "format": "0", "resource": "0"},
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(
        reverse("admin:inspections_inspectionpoint_process_import"), {**form.initial, "resource": "0"}
    )


def test_an_official_imports_points_with_their_responsible_units(official_client, civility):
    preview = upload(official_client, GOOD)
    assert not InspectionPoint.objects.filter(code="P-1").exists()  # the preview saves nothing
    confirm(official_client, preview)
    bins = InspectionPoint.objects.get(code="P-1")
    assert (bins.category.code, bins.handler_kind, bins.management_unit) == (
        "bin_station",
        "property",
        civility.world.unit_a1,
    )
    street = InspectionPoint.objects.get(code="P-2")
    assert (street.handler_kind, street.department.name) == ("street", "城市管理办公室")
    assert street.department.place == civility.world.street_a


def test_a_department_the_street_does_not_have_is_refused_and_nothing_is_imported(official_client):
    page = upload(official_client, GOOD + "P-3,某点位,back_street,A2,,,,城管科\n").content.decode()
    assert "城管科" in page
    assert not InspectionPoint.objects.filter(code__startswith="P-").exists()


def test_an_unknown_category_is_refused_with_its_row_and_nothing_is_imported(official_client):
    page = upload(official_client, GOOD + "P-3,某点位,flying_saucer,A2,,,,\n").content.decode()
    assert "flying_saucer" in page
    assert "第 3 行" in page or "Row 3" in page
    assert not InspectionPoint.objects.filter(code__startswith="P-").exists()


def test_an_unknown_place_is_refused_with_its_row_and_nothing_is_imported(official_client):
    page = upload(official_client, GOOD + "P-3,某点位,bin_station,NOPE,,,,\n").content.decode()
    assert "NOPE" in page
    assert not InspectionPoint.objects.filter(code__startswith="P-").exists()


def test_a_place_of_another_street_is_refused_like_an_unknown_one(official_client):
    page = upload(official_client, GOOD + "P-3,某点位,bin_station,B1,,,,\n").content.decode()
    assert "B1" in page
    assert not InspectionPoint.objects.filter(code__startswith="P-").exists()


def test_the_confirming_step_imports_nothing_when_a_row_is_refused_by_then(official_client, civility):
    preview = upload(official_client, GOOD)
    civility.world.community_a2.code = "A2-renamed"
    civility.world.community_a2.save(update_fields=["code"])
    confirm(official_client, preview)
    assert not InspectionPoint.objects.filter(code__startswith="P-").exists()
