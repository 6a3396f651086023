"""
Every URL of the project, as every persona of community A and anonymously, filled with community B's
objects: no answer shows B's text, no request changes B's rows, no uploaded file of B is served.
"""

import pytest
from django.test import Client
from django.urls import reverse

from apps.access.files import file_holders

from .probes import leaked, probes
from .sweep import SKIPPED, UnknownArgument, routes, url_of
from .sweep_world import A_PERSONAS, MARKER, SweepWorld

# pages that show B's text to whoever asks, by design
PUBLIC = {
    "reports:scan": "the QR board's token is posted on B's door: scanning it shows the place it names",
    "reports:follow": "the reporter's private follow link, an unguessable token: it shows that one report",
    "organizations:directory": "the public directory of filed and active organizations",
    "organizations:organization": "an organization's public page",
    "organizations:activity": "a public activity of a public organization",
    "organizations:calendar": "the public calendar of those activities",
    "organizations:campaign": "a public organization's check-in campaign",
    "organizations:check_in": "the check-in page of a public activity names the activity",
    "accounts:residency_browse": "a claimant walks the place tree down to their household, in any community",
    "accounts:residency_claim": "the household being claimed, and the tree above it",
    "organizations:register": "an organization registers with any community of the street",
}
# Pages that publish part of B's rows on purpose, and the only markers they may carry: the Open311
# feed's public view (category, status, the place down to the building, the handling company and
# the handlers' redacted replies), never the resident's text (tests/api/test_open311_feed.py holds
# the place to the building and the redaction).
PUBLISHED = {
    name: {MARKER + model for model in ("Place", "PropertyCompany", "ManagementUnit", "TimelineEvent")}
    for name in ("api:open311-requests", "api:open311-request", "api:open311-updates")
}
# (url name, persona, method): leaks being fixed elsewhere; each fix must remove its entries
KNOWN_LEAKS: set[tuple[str, str, str]] = set()


@pytest.fixture
def sweep_world(db) -> SweepWorld:
    return SweepWorld()


def swept_routes():
    return [route for route in routes() if route.name not in SKIPPED]


def sweep(user, persona: str, world: SweepWorld, findings: dict) -> int:
    sent, client = 0, Client()
    for route in swept_routes():
        if user is not None and "_auth_user_id" not in client.session:  # signed out by a logout URL
            client.force_login(user)
        for probe in probes(route, world):
            sent += 1
            send = getattr(client, probe.method)
            kwargs = {"content_type": probe.content_type} if probe.content_type else {}
            try:
                response = send(probe.url, probe.data, **kwargs)
            except Exception as error:  # a 500 is a finding, not the end of the sweep
                findings[(route.name, persona, probe.method)] = f"{type(error).__name__}: {error}"
                continue
            markers = leaked(response) - PUBLISHED.get(route.name, set())
            if markers:
                findings[(route.name, persona, probe.method)] = " ".join(sorted(markers))
    return sent


def test_every_url_pattern_has_arguments_the_sweep_can_fill(sweep_world):
    unknown = []
    for route in swept_routes():
        try:
            url_of(route, sweep_world)
        except UnknownArgument as error:
            unknown.append(str(error))
    assert not unknown


@pytest.mark.parametrize("persona", ["anonymous", *A_PERSONAS])
def test_no_url_shows_or_changes_another_communitys_rows(sweep_world, persona):
    """One persona at a time, so that the test processes share the sweep."""
    findings = {}
    user = sweep_world.personas().get(persona)
    before = sweep_world.digest()
    sent = sweep(user, persona, sweep_world, findings)
    after = sweep_world.digest()
    print(f"{len(swept_routes())} patterns, {sent} requests")
    findings = {key: found for key, found in findings.items() if key[0] not in PUBLIC}
    unexpected = {key: found for key, found in findings.items() if key not in KNOWN_LEAKS}
    assert not unexpected
    known = {key for key in KNOWN_LEAKS if key[1] == persona}
    assert not known - set(findings), "a known leak is fixed: remove it from KNOWN_LEAKS"
    assert sorted(label for label in before if before[label] != after[label]) == []


def test_no_uploaded_file_of_another_community_is_served(sweep_world):
    names = b_file_names(sweep_world)
    assert {holder.model._meta.label for holder in file_holders()} <= set(names)
    personas = {"anonymous": None, **sweep_world.personas()}
    for persona, user in personas.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for label, files in names.items():
            for name in files:
                assert client.get(reverse("media", args=[name])).status_code == 404, (persona, label, name)


def test_the_staff_of_the_files_community_are_served_them(client, sweep_world):
    client.force_login(sweep_world.b.people["community_staff"])
    photo = sweep_world.b.report.photos.order_by("pk")[0]
    assert client.get(reverse("media", args=[photo.image.name])).status_code == 200


def b_file_names(world: SweepWorld) -> dict[str, list[str]]:
    """Every stored file name of B's rows, by model."""
    names = {}
    for holder in file_holders():
        rows = holder.model._base_manager.filter(pk__in=world.b_rows.get(holder.model._meta.label, ()))
        for row in rows:
            for field in holder.fields:
                value = getattr(row, field)
                stored = [n for entry in value for n in entry.values()] if holder.listed else [value.name]
                names.setdefault(holder.model._meta.label, []).extend(n for n in stored if n)
    return names
