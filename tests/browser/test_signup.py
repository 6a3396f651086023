import re

from .audit import assert_resident_page_passes
from .steps import expect, latest_sms_code

MOBILE = re.compile("手机号|电话号码")


def fill_signup(page, *, mobile: str, email: str = "") -> None:
    page.goto("/accounts/signup/")
    assert_resident_page_passes(page)
    page.get_by_label(MOBILE).fill(mobile)
    if email:
        page.get_by_label("电子邮件").fill(email)
    page.get_by_label("密码：", exact=True).fill("Zhong-cang-2026")
    page.get_by_label("密码（重复）").fill("Zhong-cang-2026")
    page.get_by_role("button", name="注册").click()


def test_a_resident_signs_up_with_a_mobile_number_and_the_sms_code(page, screenshot):
    fill_signup(page, mobile="138 0013 8000")
    code_field = page.get_by_label("代码")
    expect(code_field).to_be_visible()
    screenshot(page, "code-sent")
    code_field.fill(latest_sms_code("+8613800138000"))
    page.get_by_role("button", name="确认").click()
    expect(page.get_by_role("heading", name="我的家")).to_be_visible()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    screenshot(page, "my-home")
    assert_resident_page_passes(page)


def test_a_malformed_mobile_number_keeps_what_was_typed(page, screenshot):
    fill_signup(page, mobile="1380013", email="wang.fang@example.cn")
    expect(page.get_by_text("不是有效的手机号")).to_be_visible()
    expect(page.get_by_label("电子邮件")).to_have_value("wang.fang@example.cn")
    expect(page.get_by_label(MOBILE)).to_have_value("1380013")
    screenshot(page, "error")
    assert_resident_page_passes(page)
