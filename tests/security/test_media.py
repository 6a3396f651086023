"""Uploaded files are served with content types the browser cannot be talked out of."""

import pytest
from django.urls import reverse

from tests.factories import jpeg_bytes


@pytest.fixture
def media_root(settings):
    root = settings.MEDIA_ROOT
    (root / "reports").mkdir(parents=True)
    (root / "reports" / "door.jpg").write_bytes(jpeg_bytes())
    (root / "reports" / "trap.html").write_text("<script>alert(document.cookie)</script>")
    (root / "reports" / "sheet.pdf").write_bytes(b"%PDF-1.4\n")
    return root


def test_a_photo_is_served_inline_as_an_image_that_must_not_be_sniffed(client, media_root):
    response = client.get(reverse("media", args=["reports/door.jpg"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in response or "attachment" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == (media_root / "reports" / "door.jpg").read_bytes()


@pytest.mark.parametrize(
    ("name", "content_type"), [("trap.html", "application/octet-stream"), ("sheet.pdf", "application/pdf")]
)
def test_any_other_file_is_a_download_in_a_sandbox(client, media_root, name, content_type):
    response = client.get(reverse("media", args=[f"reports/{name}"]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["../settings.py", "reports/../../secret", "reports", "reports/missing.jpg"])
def test_nothing_outside_the_media_folder_or_missing_is_served(client, media_root, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_a_campaign_photo_must_be_an_image_type_a_browser_shows(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.organizations.forms import CampaignCheckInForm

    svg = SimpleUploadedFile("bin.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
    disguised = SimpleUploadedFile("bin.html", jpeg_bytes(), content_type="text/html")
    photo = SimpleUploadedFile("bin.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert not CampaignCheckInForm(data={}, files={"photo": svg}).is_valid()
    assert not CampaignCheckInForm(data={}, files={"photo": disguised}).is_valid()
    assert CampaignCheckInForm(data={}, files={"photo": photo}).is_valid()


def test_a_report_photo_that_is_no_image_is_refused_with_its_name(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.reports.photos import PhotoRejected, process_photo

    with pytest.raises(PhotoRejected) as refusal:
        process_photo(SimpleUploadedFile("door.jpg", b"<html><script>x</script></html>", "image/jpeg"))
    assert "door.jpg" in str(refusal.value.messages)
