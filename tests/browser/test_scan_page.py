"""The scan page on a phone (390×844): the text first, the category suggested from it or chosen in two
steps, the submit button within reach in normal and large type, with JavaScript and without."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.access.roles import Role
from apps.places.models import Place
from apps.reports import suggestions
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Category, Report
from tests.factories import PASSWORD, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in

PHONE_HEIGHT = 844
MAX_SCREENS = {"normal": 3, "large": 6}
COMPLAINT = "3楼楼道灯不亮，晚上看不见台阶。"
SUBMIT_BOTTOM = """() => {
  const box = document.querySelector("button.send").getBoundingClientRect();
  return box.bottom + window.scrollY;
}"""

measured: dict[str, float] = {}  # printed with -s: the screens each page state takes


@pytest.fixture
def board(world, live_server, settings, tmp_path):
    settings.SUGGEST_MODEL_DIR = str(tmp_path / "models")
    suggestions._memo.clear()
    call_command("load_categories", stdout=io.StringIO())
    [board] = boards_post_for_doors(place=world.compound(world.community_a1))
    suggestions.categories_suggest(text="楼道灯")  # the model learnt before the first keystroke
    yield board
    suggestions._memo.clear()


@pytest.fixture
def largest_major() -> Category:
    """The major category with the most minor ones: the longest second step."""
    return Category.objects.filter(parent=None).annotate(n=Count("children")).order_by("-n", "position")[0]


@pytest.fixture
def open_scan(new_page, board, live_server):
    def open_page(*, size: str, javascript: bool = True):
        page = new_page(java_script_enabled=javascript)
        if size == "large":
            page.context.add_cookies([{"name": "text_size", "value": "large", "url": live_server.url}])
        page.goto(f"/s/{board.token}/")
        return page

    return open_page


def submit_within_reach(page, *, size: str, state: str) -> float:
    screens = page.evaluate(SUBMIT_BOTTOM) / PHONE_HEIGHT
    measured[state] = round(screens, 2)
    print(f"{state}: submit button bottom at {screens:.2f} screens")
    assert screens <= MAX_SCREENS[size], f"{state}: the submit button is {screens:.2f} screens down"
    return screens


@pytest.mark.parametrize("size", ["normal", "large"])
def test_a_resident_types_a_complaint_taps_a_suggested_category_and_sends_it(
    open_scan, largest_major, screenshot, size
):
    page = open_scan(size=size)
    submit_within_reach(page, size=size, state=f"js-{size}-opened")
    assert_resident_page_passes(page)

    page.get_by_label("问题描述").fill(COMPLAINT)
    suggested = page.locator("[data-suggestions] button")
    expect(suggested.first).to_be_visible()
    assert 1 <= suggested.count() <= 3
    expect(page.locator("[data-suggestions]").get_by_role("button", name="楼道灯不亮")).to_be_visible()
    screenshot(page, f"{size}-suggested", full_page=False)

    page.locator("[data-suggestions]").get_by_role("button", name="楼道灯不亮").click()
    lamp = page.get_by_role("radio", name=re.compile("^楼道灯不亮"))
    expect(lamp).to_be_checked()
    expect(lamp).to_be_visible()
    lamp_category = Category.objects.get(name="楼道灯不亮")
    expect(page.get_by_text(lamp_category.guidance)).to_be_visible()
    submit_within_reach(page, size=size, state=f"js-{size}-suggestion-chosen")
    assert_resident_page_passes(page)
    screenshot(page, f"{size}-chosen")

    page.get_by_role("button", name=largest_major.name).click()
    expect(page.get_by_role("button", name=largest_major.name)).to_have_attribute("aria-pressed", "true")
    submit_within_reach(page, size=size, state=f"js-{size}-largest-major")
    page.get_by_role("button", name=lamp_category.parent.name).click()
    page.get_by_role("radio", name=re.compile("^楼道灯不亮")).check()

    page.locator("button.send").click()
    expect(page.locator(".tracking")).to_have_text(re.compile(r"^\d{6}-[A-Z0-9]{6}$"))
    report = Report.objects.get()
    assert (report.category, report.description) == (lamp_category, COMPLAINT)


def test_a_failed_submit_moves_the_focus_to_the_error_summary(open_scan, screenshot):
    page = open_scan(size="normal")
    page.get_by_label("您的手机号（选填）").fill("12345")
    page.locator("button.send").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)  # the text, the category, the phone number
    screenshot(page, "error-summary", full_page=False)
    assert_resident_page_passes(page)
    summary.get_by_role("link", name=re.compile("^问题描述")).click()
    expect(page.get_by_label("问题描述")).to_be_focused()


@pytest.mark.parametrize("size", ["normal", "large"])
def test_without_javascript_a_resident_walks_the_steps_and_keeps_what_was_typed(
    open_scan, largest_major, screenshot, size
):
    page = open_scan(size=size, javascript=False)
    submit_within_reach(page, size=size, state=f"nojs-{size}-opened")
    page.get_by_label("问题描述").fill(COMPLAINT)
    page.get_by_label("您的手机号（选填）").fill("139 0000 3333")

    page.get_by_role("button", name="推荐问题类别").click()
    expect(page.get_by_label("问题描述")).to_have_value(COMPLAINT)
    expect(page.get_by_label("您的手机号（选填）")).to_have_value("139 0000 3333")
    expect(page.get_by_role("button", name="楼道灯不亮")).to_be_visible()
    screenshot(page, f"{size}-suggested", full_page=False)

    page.get_by_role("button", name=largest_major.name).click()
    expect(page.get_by_role("button", name=largest_major.name)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_label("问题描述")).to_have_value(COMPLAINT)
    submit_within_reach(page, size=size, state=f"nojs-{size}-largest-major")
    screenshot(page, f"{size}-largest-major")

    page.get_by_label("问题描述").fill(COMPLAINT)
    page.get_by_role("button", name="推荐问题类别").click()
    page.get_by_role("button", name="楼道灯不亮").click()
    expect(page.get_by_role("radio", name=re.compile("^楼道灯不亮"))).to_be_checked()
    submit_within_reach(page, size=size, state=f"nojs-{size}-suggestion-chosen")
    screenshot(page, f"{size}-chosen")

    page.locator("button.send").click()
    expect(page.locator(".tracking")).to_have_text(re.compile(r"^\d{6}-[A-Z0-9]{6}$"))
    report = Report.objects.get()
    assert (report.category.name, report.description, report.contact_phone) == (
        "楼道灯不亮",
        COMPLAINT,
        "+8613900003333",
    )


def test_the_pages_the_steps_answer_without_the_script_pass_the_audit(open_scan, largest_major, screenshot):
    """axe needs JavaScript, so here only the page's own script is kept away."""
    page = open_scan(size="normal")
    page.route("**/report-form.js", lambda route: route.abort())
    page.reload()
    page.get_by_label("问题描述").fill(COMPLAINT)
    page.get_by_role("button", name="推荐问题类别").click()
    expect(page.get_by_role("button", name="楼道灯不亮")).to_be_visible()
    assert_resident_page_passes(page)
    page.get_by_role("button", name=largest_major.name).click()
    expect(page.get_by_role("button", name=largest_major.name)).to_have_attribute("aria-pressed", "true")
    assert_resident_page_passes(page)


def test_a_signed_in_building_head_gets_live_suggestions_on_the_web_form(board, world, new_page, screenshot):
    unit = Place.objects.filter(path__startswith=board.place.path).order_by("-depth").first()
    head = person_with_role(Role.BUILDING_HEAD, place=Place.objects.get_parent(unit))
    page = new_page()
    page.goto("/report/")
    sign_in(page, login=head.phone.as_national, password=PASSWORD)
    page.goto("/report/")
    page.get_by_label("问题描述").fill(COMPLAINT)
    page.locator("[data-suggestions]").get_by_role("button", name="楼道灯不亮").click()  # through CSRF
    expect(page.get_by_label("遇到了什么问题？")).to_have_value(
        str(Category.objects.get(name="楼道灯不亮").pk)
    )
    screenshot(page, "web-form-suggested", full_page=False)


def test_in_english_the_suggestion_the_category_and_its_guidance_read_in_english(new_page, board):
    page = new_page(locale="en-US")
    page.goto(f"/s/{board.token}/")
    lamp = Category.objects.get(code="facility.stair-light")

    page.get_by_label("Describe it").fill(COMPLAINT)
    page.locator("[data-suggestions]").get_by_role("button", name="Stairwell light out").click()

    expect(page.get_by_role("radio", name=re.compile("^Stairwell light out"))).to_be_checked()
    expect(page.get_by_text(lamp.guidance_en)).to_be_visible()
    expect(page.get_by_role("button", name="Repairs to shared facilities")).to_be_visible()
    assert_resident_page_passes(page)
