"""Two-step sign-in: nobody holding a staff role reaches the admin without an authenticator app."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.ADMIN_MFA_REQUIRED = True


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def with_authenticator(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("persona", ["staff_a1", "property_a1", "official_a"])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("admin:reports_report_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "next=" in response["Location"]


def test_staff_with_an_authenticator_reach_the_admin(client, world):
    with_authenticator(world.staff_a1)
    client.force_login(world.staff_a1)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_resident_is_not_asked_for_an_authenticator_but_still_kept_out(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("mfa_activate_totp"))


def test_signing_in_with_an_authenticator_asks_for_its_code(client, world):
    staff = world.staff_a1
    secret = with_authenticator(staff)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_setting_up_asks_for_the_password_again_then_draws_the_code_without_inline_script(client, world):
    client.force_login(world.staff_a1)
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=world.staff_a1).exists()
    assert "data:image/svg+xml" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_a_session_signed_in_with_the_code_opens_the_admin_without_reading_authenticators(client, world):
    staff = world.staff_a1
    secret = with_authenticator(staff)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    assert not [query for query in queries.captured_queries if "mfa_authenticator" in query["sql"]]
