"""Certificates of volunteer hours: issued by an organization, numbered, checked by their QR code's
page, withdrawn with a reason; the Chinese font travels inside the PDF."""

import re
import subprocess
from decimal import Decimal
from shutil import which

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.organizations.models import Certificate, Signup
from apps.organizations.services.activities import signup_create
from apps.organizations.services.certificates import certificate_withdraw


@pytest.fixture
def served(club):
    """The resident served twice with the team: 2.5 hours and 1 hour."""
    for title, hours in (("助老服务", "2.5"), ("清扫楼道", "1")):
        activity = club.activity(title=title)
        signup = signup_create(activity=activity, user=club.resident)
        Signup.objects.filter(pk=signup.pk).update(checked_in_at=activity.starts_at, hours=Decimal(hours))
    return club


def _download(client, club):
    client.force_login(club.resident)
    return client.get(reverse("organizations:certificate"), {"organization": club.team.pk})


def test_the_certificate_names_its_issuer_number_hours_and_period(client, served):
    response = _download(client, served)
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get()
    assert (certificate.organization, certificate.hours, certificate.services) == (
        served.team,
        Decimal("3.5"),
        2,
    )
    assert re.fullmatch(r"\d{4}-\d{6}", certificate.number)
    if which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        for expected in (certificate.number, served.team.name, served.team.place.name, "3.5 小时", "张阿姨"):
            assert expected in text


def test_the_chinese_font_is_embedded(client, served):
    content = _download(client, served).content
    assert b"/FontFile2" in content  # a TrueType font program inside the PDF, not a reader's substitute


def test_downloading_again_gives_the_same_certificate(client, served):
    _download(client, served)
    _download(client, served)
    assert Certificate.objects.count() == 1


def test_no_certificate_without_credited_hours(client, club):
    assert _download(client, club).status_code == 404


def test_anyone_can_check_a_certificate_by_its_code_and_see_it_withdrawn(client, served):
    _download(client, served)
    certificate = Certificate.objects.get()
    client.logout()
    page = client.get(reverse("organizations:verify", args=[certificate.code])).content.decode()
    assert certificate.number in page and "有效" in page and "张**" in page and "张阿姨" not in page
    certificate_withdraw(certificate=certificate, actor=served.leader, reason="时长登记有误")
    page = client.get(reverse("organizations:verify", args=[certificate.code])).content.decode()
    assert "已撤销" in page and "时长登记有误" in page
    assert client.get(reverse("organizations:verify", args=["x" * 22])).status_code == 404


def test_only_the_issuers_people_withdraw_a_certificate(client, served):
    _download(client, served)
    certificate = Certificate.objects.get()
    for outsider in (served.resident, served.other_leader):
        with pytest.raises(PermissionDenied):
            certificate_withdraw(certificate=certificate, actor=outsider, reason="无理由")
    with pytest.raises(ValidationError):
        certificate_withdraw(certificate=certificate, actor=served.leader, reason=" ")
    client.force_login(served.other_leader)
    url = reverse("admin:organizations_certificate_withdraw", args=[certificate.pk])
    assert client.post(url, {"reason": "越权"}).status_code in (302, 403, 404)
    certificate.refresh_from_db()
    assert certificate.withdrawn_at is None
