"""Accounts as residents use them: a forgotten password reset by a texted code, sign-in by mobile
number first, messages that name the person."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.accounts import sms
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "Lianhua-Si-2026!"


@pytest.fixture
def resident(db):
    cache.clear()
    sms.outbox.clear()
    return UserFactory(email="", display_name="胡凤彬")


def texted_code() -> str:
    return re.search(r"\d{6}", sms.outbox[-1][1]).group()


def test_a_resident_without_email_resets_the_password_by_a_texted_code(client, resident):
    reset_page = client.get(reverse("account_reset_password")).content.decode()
    assert reverse("account_request_login_code") in reset_page
    new_password_url = reverse("accounts:password_new")
    response = client.post(
        reverse("account_request_login_code") + f"?next={new_password_url}",
        {"phone": str(resident.phone), "next": new_password_url},
    )
    assert response.status_code == 302
    assert sms.outbox[-1][0] == str(resident.phone)
    response = client.post(response["Location"], {"code": texted_code()})
    assert response["Location"] == new_password_url
    assert client.get(new_password_url).status_code == 200
    response = client.post(new_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:home")
    client.logout()
    assert client.login(username=str(resident.phone), password=NEW_PASSWORD) or _signs_in(client, resident)


def _signs_in(client, resident) -> bool:
    response = client.post(reverse("account_login"), {"login": str(resident.phone), "password": NEW_PASSWORD})
    return response.status_code == 302


def test_a_password_signed_in_session_is_asked_for_the_old_password(client, resident):
    client.post(reverse("account_login"), {"login": str(resident.phone), "password": PASSWORD})
    response = client.get(reverse("accounts:password_new"))
    assert response["Location"] == reverse("account_change_password")
    client.post(reverse("accounts:password_new"), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    resident.refresh_from_db()
    assert resident.check_password(PASSWORD)


def test_the_sign_in_field_asks_for_a_mobile_number_first(client, db):
    page = client.get(reverse("account_login")).content.decode()
    field = re.search(r'<input[^>]*name="login"[^>]*>', page).group()
    assert 'autocomplete="tel"' in field
    assert "手机号" in page


def test_signing_in_names_the_person_not_an_internal_username(client, resident):
    response = client.post(
        reverse("account_login"), {"login": str(resident.phone), "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "胡凤彬" in page
    assert resident.username not in page


def test_asking_for_a_code_without_a_number_is_told_what_to_enter(client, db):
    response = client.post(reverse("account_request_login_code"), {})
    assert response.status_code == 200
    assert "请输入注册时使用的手机号" in response.content.decode()
