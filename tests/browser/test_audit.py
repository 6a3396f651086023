"""The audit itself: it must fail a page that a person with a screen reader, or on a slow phone
plan, could not use, or it proves nothing about the pages that pass."""

import pytest

from .audit import MAX_PAGE_BYTES, assert_resident_page_passes, audit, downloads

PAGE = """<!DOCTYPE html><html lang="zh-hans"><head><title>测试页</title></head><body><main>
<h1>测试页</h1>{}</main></body></html>"""
UNLABELLED = PAGE.format('<img src="/photo.png"><form><input type="text" name="q"></form>')
ORIGIN = "http://audit.invalid"


def serve(page, path: str, body: str, headers: dict | None = None) -> None:
    """Open `body` at ORIGIN + path; anything else the page asks for is not found (and no request
    leaves the browser)."""

    def answer(route):
        if route.request.url == ORIGIN + path:
            route.fulfill(status=200, content_type="text/html", headers=headers, body=body)
        else:
            route.fulfill(status=404)

    page.route(f"{ORIGIN}/**", answer)
    page.goto(ORIGIN + path)


def test_it_fails_a_page_with_an_unlabelled_field_and_an_image_without_text(offline_page):
    page = offline_page
    serve(page, "/broken/", UNLABELLED)
    found = {v["id"] for v in audit(page).blocking}
    assert {"image-alt", "label"} <= found
    with pytest.raises(AssertionError, match="serious or critical axe violations"):
        assert_resident_page_passes(page)


def test_it_fails_a_page_heavier_than_the_limit(offline_page):
    page = offline_page
    serve(page, "/heavy/", PAGE.format(f"<!-- {'x' * MAX_PAGE_BYTES} --><p>很长的注释</p>"))
    assert sum(download["bytes"] for download in downloads(page)) > MAX_PAGE_BYTES
    with pytest.raises(AssertionError, match=f"heavier than {MAX_PAGE_BYTES} bytes"):
        assert_resident_page_passes(page)


def test_it_counts_the_stylesheet_even_when_the_browser_has_it_already(page, settings):
    page.goto("/")
    page.goto("/accounts/login/")
    stylesheet = next(r for r in downloads(page) if r["name"].endswith("/static/css/gongzhi.css"))
    assert stylesheet["bytes"] >= (settings.BASE_DIR / "static" / "css" / "gongzhi.css").stat().st_size


def test_it_runs_on_a_page_whose_policy_forbids_inline_scripts(offline_page):
    page = offline_page
    strict = {"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'"}
    serve(page, "/strict/", UNLABELLED, headers=strict)
    assert "image-alt" in {v["id"] for v in audit(page).blocking}
