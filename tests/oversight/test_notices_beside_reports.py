"""督查通知单 in the report queue's world: counted per community on the dashboard and beside a place's
reports on the drill-down, by the same place and scope as the notices list they link to."""

import re

import pytest
from django.urls import reverse

from tests.inspections.conftest import Civility
from tests.inspections.test_notices import fail

pytestmark = pytest.mark.django_db


@pytest.fixture
def civility(world):
    """Notices at 甲一 (two), 甲二 (one) and 乙一 (one)."""
    civility = Civility(world)
    fail(civility.bin_a1, civility.inspector_a)
    fail(civility.gate_a1, civility.inspector_a)
    fail(civility.bin_a2, civility.inspector_a)
    fail(civility.bin_b1, civility.inspector_b)
    return civility


def figure_links(page: str) -> dict[str, tuple[str, int]]:
    """The dashboard's notice rows: label → (the list's URL, the count shown)."""
    rows = re.findall(
        r'<a href="([^"]*inspections/notices/[^"]*)">([^<]+)</a></td><td data-figure="notices-\d+">(\d+)',
        page,
    )
    return {label: (url.replace("&amp;", "&"), int(count)) for url, label, count in rows}


def listed(client, url: str) -> int:
    page = client.get(url)
    assert page.status_code == 200
    return len(re.findall(r'href="/inspections/notices/\d+/"', page.content.decode()))


def test_the_dashboard_counts_each_communitys_notices_as_its_list_shows_them(client, civility):
    world = civility.world
    client.force_login(world.official_a)
    rows = figure_links(client.get(reverse("oversight:dashboard")).content.decode())
    assert {label: count for label, (_, count) in rows.items()} == {
        world.community_a1.name: 2,
        world.community_a2.name: 1,
    }
    for url, count in rows.values():
        assert listed(client, url) == count


def test_a_community_official_sees_only_their_communitys_notices(client, civility):
    world = civility.world
    client.force_login(world.staff_a1)
    rows = figure_links(client.get(reverse("oversight:dashboard")).content.decode())
    assert list(rows) == [world.community_a1.name]
    assert listed(client, reverse("inspections:notices")) == 2
    other = reverse("inspections:notices") + f"?place={world.community_a2.pk}"
    assert client.get(other).status_code == 404  # as a place that does not exist


def test_the_drill_down_of_a_community_names_its_notices_beside_its_reports(client, civility):
    world = civility.world
    client.force_login(world.official_a)
    page = client.get(reverse("oversight:reports"), {"community": world.community_a1.pk}).content.decode()
    url, count = re.search(r'<a href="([^"]+)" data-count="notices">(\d+)</a>', page).groups()
    assert int(count) == 2
    assert listed(client, url.replace("&amp;", "&")) == 2


def test_a_period_given_by_half_is_refused_in_words(client, civility):
    client.force_login(civility.world.official_a)
    page = client.get(reverse("inspections:notices"), {"since": "2026-01-01"})
    assert page.status_code == 400
    assert "请同时填写起止日期" in page.content.decode()


def test_the_notices_list_reads_as_many_queries_for_more_notices(
    client, civility, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(civility.world.official_a)
    url = reverse("inspections:notices") + f"?place={civility.world.street_a.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for point in (civility.bin_a1, civility.bin_a2, civility.gate_a1):
        fail(point, civility.inspector_a)
    with django_assert_max_num_queries(len(before)):
        assert listed(client, url) == 6
