"""Uploaded files: read under the permission of the object they belong to, at names no one can
guess, with content types the browser cannot be talked out of, kept by no cache."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.access.files import file_holders, granted_url
from apps.access.roles import Role
from apps.core.photos import process_photo
from apps.core.uploads import UnguessableName
from apps.reports.models import BoardSheet, Photo, Report
from apps.reports.services import report_submit
from tests.factories import jpeg_bytes, person_with_role


@pytest.fixture
def reporter(world):
    return person_with_role(Role.RESIDENT, place=world.households(world.community_a1)[0])


@pytest.fixture
def photo(world, categories, reporter):
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_bytes(), "image/jpeg")
    report = report_submit(
        place=world.households(world.community_a1)[0],
        category=categories["lamp"],
        description="楼道灯坏了",
        source=Report.Source.WEB,
        reporter=reporter,
        photos=[process_photo(upload)],
    )
    return Photo.objects.get(report=report)


def url_of(photo) -> str:
    return photo.image.url


def test_a_report_photo_is_read_by_its_reporter_and_the_staff_of_its_community(
    client, world, photo, reporter
):
    for person in (reporter, world.staff_a1, world.official_a):
        client.force_login(person)
        response = client.get(url_of(photo))
        assert response.status_code == 200, person
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"


def test_it_hides_a_report_photo_from_other_communities_and_from_anyone_signed_out(client, world, photo):
    assert client.get(url_of(photo)).status_code == 404
    assert client.get(photo.thumbnail.url).status_code == 404
    for person in (world.staff_a2, world.staff_b1, world.outsider):
        client.force_login(person)
        assert client.get(url_of(photo)).status_code == 404, person


def test_the_follow_page_hands_out_links_that_open_its_photos_for_a_while(
    client, photo, settings, time_machine
):
    time_machine.move_to("2026-12-05 10:00 +08:00")
    granted = granted_url(photo.image.name)
    assert client.get(granted).status_code == 200
    assert client.get(granted.replace("grant=", "grant=x")).status_code == 404
    assert (
        client.get(granted_url(photo.report.photos.get().thumbnail.name).replace("thumb", "")).status_code
        == 404
    )
    time_machine.move_to("2026-12-05 11:01 +08:00")
    assert client.get(granted).status_code == 404


def test_the_follow_page_shows_its_photos_through_grants(client, photo):
    page = client.get(f"/r/{photo.report.follow_token}/").content.decode()
    assert f"{photo.image.url}?grant=" in page


def test_a_photo_is_stored_under_a_name_that_says_nothing(photo):
    assert "IMG_0001" not in photo.image.name
    assert len(photo.image.name.rsplit("/", 1)[1]) >= 32


def test_every_uploaded_name_is_random_and_keeps_only_the_extension():
    name = UnguessableName("halls/proxies")(None, "张三 委托书.PDF")
    assert name.startswith("halls/proxies/") and name.endswith(".pdf") and "张三" not in name
    assert name != UnguessableName("halls/proxies")(None, "张三 委托书.PDF")


def test_every_file_field_of_every_model_names_the_permission_that_reads_it():
    holders = {(h.model.__name__, field) for h in file_holders() for field in h.fields}
    assert {
        ("Photo", "image"),
        ("Photo", "thumbnail"),
        ("BoardSheet", "file"),
        ("CheckIn", "photo"),
    } <= holders
    assert {("MeetingAttachment", "file"), ("Proxy", "letter"), ("TaskUpdate", "photos")} <= holders


def test_a_board_sheet_is_read_by_the_staff_of_its_place_only(client, world, settings):
    (settings.MEDIA_ROOT / "boards").mkdir(parents=True)
    (settings.MEDIA_ROOT / "boards" / "sheet.pdf").write_bytes(b"%PDF-1.4\n")
    BoardSheet.objects.create(place=world.compound(world.community_a1), file="boards/sheet.pdf")
    client.force_login(world.staff_b1)
    assert client.get("/media/boards/sheet.pdf").status_code == 404
    client.force_login(world.staff_a1)
    response = client.get("/media/boards/sheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_no_image_is_sent_as_a_download_in_a_sandbox(client, world, settings):
    (settings.MEDIA_ROOT / "boards").mkdir(parents=True)
    (settings.MEDIA_ROOT / "boards" / "trap.html").write_text("<script>alert(document.cookie)</script>")
    BoardSheet.objects.create(place=world.compound(world.community_a1), file="boards/trap.html")
    client.force_login(world.staff_a1)
    response = client.get("/media/boards/trap.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_behind_nginx_the_portal_checks_and_the_web_server_sends(client, world, photo, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    client.force_login(world.staff_a1)
    response = client.get(url_of(photo))
    assert response["X-Accel-Redirect"] == f"/protected-media/{photo.image.name}"
    assert response.content == b""
    client.force_login(world.staff_b1)
    assert not client.get(url_of(photo)).has_header("X-Accel-Redirect")


@pytest.mark.parametrize("path", ["../settings.py", "reports/../../secret", "reports", "reports/missing.jpg"])
def test_nothing_outside_the_media_folder_or_missing_is_served(admin_client, path):
    assert admin_client.get(f"/media/{path}").status_code == 404


def test_pages_are_kept_by_no_cache_unless_they_say_so(client, reporter):
    client.force_login(reporter)
    assert client.get("/me/")["Cache-Control"] == "private, no-store"


def test_a_campaign_photo_must_be_an_image_type_a_browser_shows(db):
    from apps.organizations.forms import CampaignCheckInForm

    svg = SimpleUploadedFile("bin.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
    disguised = SimpleUploadedFile("bin.html", jpeg_bytes(), content_type="text/html")
    photo = SimpleUploadedFile("bin.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert not CampaignCheckInForm(data={}, files={"photo": svg}).is_valid()
    assert not CampaignCheckInForm(data={}, files={"photo": disguised}).is_valid()
    assert CampaignCheckInForm(data={}, files={"photo": photo}).is_valid()


def test_a_report_photo_that_is_no_image_is_refused_with_its_name(db):
    from apps.core.photos import PhotoRejected

    with pytest.raises(PhotoRejected) as refusal:
        process_photo(SimpleUploadedFile("door.jpg", b"<html><script>x</script></html>", "image/jpeg"))
    assert "door.jpg" in str(refusal.value.messages)
