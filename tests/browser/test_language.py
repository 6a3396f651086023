from tests.factories import PASSWORD, UserFactory

from .steps import expect, sign_in


def test_a_resident_switches_to_english(page, screenshot):
    resident = UserFactory(phone="+8613900002222")
    page.goto("/accounts/login/")
    sign_in(page, login=resident.phone.as_national, password=PASSWORD)
    expect(page.get_by_role("heading", name="我的家")).to_be_visible()
    page.get_by_label("语言").select_option(label="English")
    page.get_by_role("button", name="切换").click()
    expect(page.get_by_role("heading", name="My home")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "english")
