"""A Content-Security-Policy on every page, and no inline script anywhere for it to allow."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def our_templates() -> list[Path]:
    found = list((ROOT / "templates").rglob("*.html"))
    found += list((ROOT / "apps").rglob("templates/**/*.html"))
    return found


@pytest.mark.parametrize("page", ["landing", "scan", "account_login", "account_signup"])
def test_resident_pages_allow_scripts_only_from_our_own_files(client, board, categories, page):
    url = reverse("reports:scan", args=[board.token]) if page == "scan" else reverse(page)
    directives = policy(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["style-src"]


def test_no_template_carries_an_inline_script_or_event_handler():
    templates = our_templates()
    assert len(templates) > 40
    offenders = []
    for template in templates:
        text = template.read_text()
        offenders += [f"{template}: {tag}" for tag in SCRIPT_TAG.findall(text) if "src=" not in tag]
        offenders += [f"{template}: {found.strip()}" for found in INLINE_HANDLER.findall(text)]
    assert offenders == []


def test_the_admin_is_under_the_same_policy(client, world):
    client.force_login(world.staff_a1)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
