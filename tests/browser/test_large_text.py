from apps.reports.boards import boards_post_for_doors

from .audit import assert_resident_page_passes
from .steps import expect

SIZES = """() => ({
  text: parseFloat(getComputedStyle(document.body).fontSize),
  submit: document.querySelector("main button.send").getBoundingClientRect().height,
  choice: document.querySelector(".majors button").getBoundingClientRect().height,
})"""


def test_an_older_resident_switches_to_large_text_without_javascript(
    world, categories, live_server, new_page, screenshot
):
    [board] = boards_post_for_doors(place=world.compound(world.community_a1))
    page = new_page(java_script_enabled=False, locale="en")  # the buttons found by their msgids
    page.goto(f"/s/{board.token}/")
    standard = page.evaluate(SIZES)
    page.get_by_role("button", name="Larger text").click()
    expect(page.locator("html")).to_have_class("large-text")
    large = page.evaluate(SIZES)
    screenshot(page, "large-text")
    assert large["text"] >= 1.25 * standard["text"]
    assert large["submit"] >= 60 and large["choice"] >= 60
    assert large["submit"] > standard["submit"]

    # the choice is a cookie: the same resident with JavaScript on sees the page large, and it passes
    audited = new_page()
    audited.context.add_cookies(page.context.cookies())
    audited.goto(f"/s/{board.token}/")
    expect(audited.locator("html")).to_have_class("large-text")
    assert_resident_page_passes(audited)

    page.get_by_role("button", name="Standard text").click()
    expect(page.locator("html")).not_to_have_class("large-text")
    assert page.evaluate(SIZES) == standard
