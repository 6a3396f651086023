"""What people do on the site again and again, written once for every journey."""

import re

import pytest

from apps.accounts import sms

try:
    from playwright.sync_api import Page, expect
except ImportError:
    pytest.skip('no Playwright: pip install "playwright>=1.49"', allow_module_level=True)

__all__ = ["expect", "latest_sms_code", "sign_in"]


def sign_in(page: Page, *, login: str, password: str) -> None:
    """On the sign-in page (opened or redirected to), sign in with a mobile number or e-mail."""
    page.get_by_label("手机号（或邮箱）").fill(login)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def latest_sms_code(phone: str) -> str:
    """The 6-digit code of the last text message sent to `phone` (+86…)."""
    text = next(text for to, text in reversed(sms.outbox) if to == phone)
    return re.search(r"\d{6}", text).group()
