"""Sign-in throttling: guesses at one account from one address are stopped after five."""

import pytest
from django.urls import reverse

from apps.api.models import ApiToken
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def person(db):
    return UserFactory(email="wang.fang@example.cn")


def sign_in(client, login: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, person):
    for _ in range(4):
        assert sign_in(client, person.email, "wrong-password").status_code == 200
    assert sign_in(client, person.email, "wrong-password").status_code == 429
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 429
    assert "登录尝试次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, person):
    for _ in range(4):
        sign_in(client, person.email, "wrong-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_lock_holds_for_the_account_by_its_mobile_number_too(client, person):
    for _ in range(5):
        sign_in(client, str(person.phone), "wrong-password")
    assert sign_in(client, str(person.phone), PASSWORD).status_code == 429


def test_a_locked_account_does_not_lock_out_a_neighbour_behind_the_same_address(client, person):
    neighbour = UserFactory()
    for _ in range(5):
        sign_in(client, person.email, "wrong-password")
    assert sign_in(client, neighbour.email, PASSWORD).status_code == 302


def test_the_api_token_endpoint_refuses_an_account_locked_on_the_sign_in_page(client, person):
    for _ in range(5):
        sign_in(client, person.email, "wrong-password")
    credentials = {"login": person.email, "password": PASSWORD, "name": "手机"}
    response = client.post(reverse("api:token-obtain"), credentials, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "locked_out"
    assert ApiToken.objects.count() == 0


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, person):
    for n in range(5):
        client.post(
            reverse("account_login"),
            {"login": person.email, "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert sign_in(client, person.email, PASSWORD).status_code == 429


def test_signing_in_again_and_again_with_an_unverified_number_is_told_to_wait_not_an_error(client, person):
    person.phone_verified = False
    person.save(update_fields=["phone_verified"])
    answers = [sign_in(client, str(person.phone), PASSWORD).status_code for _ in range(5)]
    client.logout()
    assert 500 not in answers
    response = sign_in(client, str(person.phone), PASSWORD)
    assert response.status_code == 429
    assert "请稍等一分钟再试" in response.content.decode()
