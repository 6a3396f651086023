from tests.factories import PASSWORD, UserFactory

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_a_resident_claims_a_household_and_staff_verify_it(world, new_page, screenshot):
    UserFactory(display_name="王芳", phone="+8613900001111")
    resident = new_page()
    resident.goto("/accounts/login/")
    sign_in(resident, login="139 0000 1111", password=PASSWORD)
    resident.get_by_role("link", name="申报我的住户").click()
    for place in ["甲1社区", "甲1小区", "1号楼", "1单元", "101室"]:
        resident.get_by_role("link", name=place, exact=True).click()
    assert_resident_page_passes(resident)
    resident.get_by_label("您是").select_option(label="业主")
    resident.get_by_label("证明材料").fill("房产证 X京房权证字第1号")
    screenshot(resident, "claim")
    resident.get_by_role("button", name="提交申报").click()
    expect(resident.locator(".badge")).to_have_text("待核实")
    screenshot(resident, "claimed")

    staff = new_page()
    staff.goto("/admin/accounts/residency/")
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    staff.get_by_role("checkbox", name="王芳").check()
    staff.get_by_label("动作").select_option(label="核实所选申报")
    staff.get_by_role("button", name="执行").click()
    expect(staff.get_by_text("已核实 1 条申报")).to_be_visible()
    screenshot(staff, "verified-in-admin")

    resident.reload()
    expect(resident.locator(".badge")).to_have_text("已核实")
    screenshot(resident, "verified")
    assert_resident_page_passes(resident)
