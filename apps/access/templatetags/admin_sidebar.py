"""`{% admin_sidebar_apps %}`: the admin's sidebar list of apps (`admin/app_list.html`), rendered once for
each list, language and current page in each process. The list is the person's (`get_app_list`, asked
on every page); the key is everything the template reads of it and of the request, so a kept fragment
serves only those shown the very same list."""

import hashlib
from urllib.parse import quote

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

KEPT_SECONDS = 600


@register.simple_tag(takes_context=True)
def admin_sidebar_apps(context) -> str:
    request, app_list = context["request"], context["available_apps"]
    key = f"admin-sidebar:{_digest(app_list, quote(request.path), get_language())}"
    cache = caches["local"]
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "admin/app_list.html", {"app_list": app_list, "show_changelinks": False, "request": request}
        )
        cache.set(key, html, KEPT_SECONDS)
    return mark_safe(html)


def _digest(app_list, path: str, language: str) -> str:
    """What the template shows: each app and model, and whether its URL lies in the page's path."""
    shown = [
        (
            app["app_label"],
            str(app["name"]),
            app["app_url"],
            app["app_url"] in path,
            [
                (m["object_name"], str(m["name"]), m["admin_url"], m["add_url"], m["admin_url"] in path)
                if m["admin_url"]
                else (m["object_name"], str(m["name"]), None, m["add_url"], False)
                for m in app["models"]
            ],
        )
        for app in app_list
    ]
    return hashlib.sha256(repr((language, shown)).encode()).hexdigest()
