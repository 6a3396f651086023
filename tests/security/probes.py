"""The requests the sweep sends to one URL, and what in an answer counts as a leak."""

import re
from dataclasses import dataclass

from django.contrib import admin

from apps.accounts.models import User
from apps.places.models import Place

from .sweep import Route, admin_change_data, admin_model, b_object, url_of
from .sweep_world import MARKER, SweepWorld

MARKED = re.compile(re.escape(MARKER).encode() + rb"[A-Za-z]+")
POSTED = {
    "title": "SWEEP-A",
    "body": "SWEEP-A",
    "description": "SWEEP-A",
    "note": "SWEEP-A",
    "reason": "SWEEP-A",
    "choices": "1",
    "code": "000000",
    "progress": "50",
    "satisfaction": "satisfied",
    "approve": "1",
    "decision": "approved",
    "hours": "1",
    "post": "yes",
}


@dataclass(frozen=True)
class Probe:
    method: str
    url: str
    data: dict | str | None = None
    content_type: str | None = None


def probes(route: Route, world: SweepWorld) -> list[Probe]:
    url = url_of(route, world)
    found = [Probe("get", url)]
    if route.is_admin:
        return found + _admin_probes(route, url, world)
    if route.name == "media":
        return found
    found.append(Probe("post", url, POSTED))
    if route.is_api:
        found += [
            Probe(m, url, '{"title": "SWEEP-A"}', "application/json") for m in ("put", "patch", "delete")
        ]
    return found


def _admin_probes(route: Route, url: str, world: SweepWorld) -> list[Probe]:
    model = admin_model(route.name)
    if model is None or model._meta.label not in world.b_rows:
        return [Probe("post", url, POSTED)]
    obj = b_object(world, model)
    if route.name.endswith("_add"):
        related = {
            f.name: _named(world, f.related_model).pk
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model._meta.label in world.b_rows
        }
        return [Probe("get", url, related)]
    if route.name.endswith("_change"):
        return [Probe("post", url, admin_change_data(obj))]
    if route.name.endswith("_delete"):
        return [Probe("post", url, {"post": "yes"})]
    if route.name.endswith("_changelist"):
        actions = [
            "delete_selected",
            *[getattr(a, "__name__", a) for a in admin.site._registry[model].actions],
        ]
        return [
            Probe("post", url, {"action": action, "_selected_action": [obj.pk], "post": "yes"})
            for action in actions
        ]
    return [Probe("post", url, POSTED)]


def _named(world: SweepWorld, model):
    """The B row an add page's ?field=<id> names: a household and a resident where the model allows."""
    if model is Place:
        return world.b.households[0]
    if model is User:
        return world.b.people["resident"]
    return b_object(world, model)


def leaked(response) -> set[str]:
    """B's markers in a 200 answer."""
    if response.status_code != 200:
        return set()
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return {m.decode() for m in MARKED.findall(content)}
