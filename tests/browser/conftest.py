"""
Real-browser journeys: Debian's Chromium, driven by Playwright, on pytest-django's live server.

Every test in this folder is marked `browser` and skipped when Chromium or Playwright is missing.
Screenshots of each journey's key steps go to artifacts/screenshots/, named after the test.
"""

import importlib.util
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

# Playwright's sync API keeps an event loop running in the main thread, where tests also use the ORM.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AUDITS = ARTIFACTS / "resident-pages"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
DESKTOP = {
    **PHONE,
    "viewport": {"width": 1280, "height": 800},
    "device_scale_factor": 1,
    "is_mobile": False,
    "has_touch": False,
}


def missing_browser() -> str | None:
    """Why the journeys cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium"
    if importlib.util.find_spec("playwright") is None:
        return 'no Playwright: pip install "playwright>=1.49"'
    return None


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium against a live server")


def pytest_collection_modifyitems(config, items):
    reason = missing_browser()
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _committed_data(request):
    """The live server answers from another thread, so what a test creates must be committed. A test
    that only hands pages to the browser (offline_page) needs no database, nor its flush."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ins and codes per address in the cache; each journey starts with none."""
    cache.clear()


@pytest.fixture(autouse=True)
def _audits_kept(request):
    """Each resident page a test audited, with its weight and every axe finding (the minor ones too),
    goes to artifacts/resident-pages/<test>.txt."""
    from . import audit

    audit.audited.clear()
    yield
    if audit.audited:
        AUDITS.mkdir(parents=True, exist_ok=True)
        lines = [result.describe(result.violations) for result in audit.audited]
        (AUDITS / f"{_file_name(request)}.txt").write_text("\n".join(lines) + "\n")


def _file_name(request) -> str:
    return re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot(request) -> Callable:
    """screenshot(page, "step") saves artifacts/screenshots/<test>-<nn>-<step>.png; a PIL image (a
    printed sheet, say) is saved as it is."""
    name = _file_name(request)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob(f"{name}-*.png"):
        stale.unlink()
    taken = []

    def take(page, step: str, *, full_page: bool = True) -> Path:
        taken.append(step)
        path = SCREENSHOTS / f"{name}-{len(taken):02d}-{step}.png"
        if hasattr(page, "screenshot"):
            page.screenshot(path=path, full_page=full_page)
        else:
            page.save(path)
        return path

    return take


@pytest.fixture
def new_page(request, browser, live_server, screenshot) -> Iterator[Callable]:
    """new_page() opens a phone-sized page with its own cookies: one more person at the site;
    new_page(desktop=True) one on a staff member's screen."""
    contexts = []

    def open_page(*, desktop: bool = False, **options):
        device = DESKTOP if desktop else PHONE
        context = browser.new_context(base_url=live_server.url, **{**device, **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    if getattr(request.node, "browser_call_failed", False):
        for context in contexts:
            for page in context.pages:
                screenshot(page, "failed")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def offline_page(browser) -> Iterator:
    """A phone-sized page on no server: the test serves what it opens (page.route)."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()
