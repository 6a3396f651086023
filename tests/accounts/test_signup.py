import re

import pytest
from django.urls import reverse

from apps.accounts import sms
from apps.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, phone: str, **extra):
    return client.post(
        reverse("account_signup"),
        {"phone": phone, "password1": "Zhong-cang-2026", "password2": "Zhong-cang-2026", **extra},
    )


def test_a_resident_signs_up_with_a_mobile_number_and_the_code_sent_by_sms(client):
    response = sign_up(client, "138 0013 8000")
    assert response.status_code == 302
    phone, text = sms.outbox[-1]
    assert phone == "+8613800138000"
    code = re.search(r"\d{6}", text).group()
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    user = User.objects.get(phone="+8613800138000")
    assert user.phone_verified
    assert client.get(reverse("accounts:home")).status_code == 200


def test_a_malformed_mobile_number_gets_a_clear_message_in_chinese(client):
    response = sign_up(client, "1380013")
    assert response.status_code == 200
    assert "手机号" in " ".join(response.context["form"].errors["phone"])
    assert not User.objects.exists()


def test_a_number_outside_the_mainland_is_refused(client):
    response = sign_up(client, "+1 415 555 2671")
    assert response.status_code == 200
    assert "+86" in " ".join(response.context["form"].errors["phone"])
    assert not User.objects.exists()


def test_a_resident_signs_in_with_e_mail_and_password(client):
    user = UserFactory(email="li.ming@example.cn")
    response = client.post(reverse("account_login"), {"login": "li.ming@example.cn", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_resident_signs_in_with_mobile_number_and_password(client):
    user = UserFactory(phone="+8613900001111")
    response = client.post(reverse("account_login"), {"login": "139 0000 1111", "password": PASSWORD})
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    assert client.session["_auth_user_id"] == str(user.pk)
