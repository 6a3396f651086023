"""Signing out ends the session in every process: gunicorn with several workers and no shared
cache, the old cookie refused by whichever worker answers next."""

import re

import pytest
import requests

from tests.factories import PASSWORD, UserFactory

from .conftest import production, serve, shared_database_url

pytestmark = pytest.mark.faults


@pytest.fixture
def resident(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # production's
    return UserFactory(email="li.na@example.cn")


@pytest.fixture
def portal(resident, tmp_path):
    env = production(shared_database_url())
    with serve.gunicorn(env, workers=3, log_path=tmp_path / "gunicorn.log") as base:
        yield base


def signed_in(base: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{base}/accounts/login/", timeout=15).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = browser.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": "li.na@example.cn", "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=15,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:1000]
    return browser


def test_a_cookie_signed_out_in_one_worker_is_refused_by_every_other(portal):
    browser = signed_in(portal)
    assert all(
        browser.get(f"{portal}/me/", timeout=15, allow_redirects=False).status_code == 200 for _ in range(30)
    )
    old_cookie = browser.cookies.get("sessionid")
    page = browser.get(f"{portal}/me/", timeout=15).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    browser.post(
        f"{portal}/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{portal}/me/"},
        timeout=15,
    )
    stranger = requests.Session()
    stranger.cookies.set("sessionid", old_cookie)
    answers = [
        stranger.get(f"{portal}/me/", timeout=15, allow_redirects=False).status_code for _ in range(40)
    ]
    assert answers == [302] * 40
