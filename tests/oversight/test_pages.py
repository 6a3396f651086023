"""The oversight pages: figures of one's own scope only, every figure linking to its reports."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.oversight.rollups import rollups_rebuild
from apps.oversight.selectors import FigurePaginator
from apps.reports.models import Category

from .conftest import START, submit_at

NOW = START + timedelta(days=3)
PERIOD = {"since": (START - timedelta(days=3)).date().isoformat(), "until": NOW.date().isoformat()}
PAGES = [
    "oversight:dashboard",
    "oversight:heat_map",
    "oversight:grid",
    "oversight:ledger",
    "oversight:topics",
]


@pytest.fixture
def reports(world, categories):
    """Three reports in 甲1, two in 甲2, one in 乙1, counted."""
    made = []
    for community, count in ((world.community_a1, 3), (world.community_a2, 2), (world.community_b1, 1)):
        for n in range(count):
            made.append(
                submit_at(START + timedelta(hours=n), world.households(community)[0], categories["lamp"])
            )
    with time_machine.travel(NOW, tick=False):
        rollups_rebuild()
    return made


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


def figure(response, name) -> int:
    content = response.content.decode()
    start = content.index(f'data-figure="{name}">') + len(f'data-figure="{name}">')
    return int(content[start : content.index("<", start)])


def test_the_street_official_sees_the_figures_of_their_street(client, world, reports, at_now):
    client.force_login(world.official_a)
    response = client.get(reverse("oversight:dashboard"))
    assert response.status_code == 200
    assert (figure(response, "open"), figure(response, "submitted")) == (5, 5)
    content = response.content.decode()
    assert world.community_a1.name in content and world.community_a2.name in content
    assert world.community_b1.name not in content


def test_community_staff_see_only_their_community(client, world, reports, at_now):
    client.force_login(world.staff_a1)
    response = client.get(reverse("oversight:dashboard"))
    assert (figure(response, "open"), figure(response, "submitted")) == (3, 3)
    assert world.community_a2.name not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_staff_another_community(client, world, reports, at_now, page):
    client.force_login(world.staff_a1)
    response = client.get(reverse(page), PERIOD)
    assert response.status_code == 200
    content = response.content.decode()
    for other in (world.community_a2, world.community_b1):
        assert other.name not in content
        assert world.compound(other).name not in content


def test_the_reports_behind_a_figure_are_only_the_staffs_own(client, world, reports, at_now):
    client.force_login(world.staff_a1)
    response = client.get(reverse("oversight:reports"), {"community": world.community_b1.pk, "state": "open"})
    assert response.status_code == 200
    assert list(response.context["reports"]) == []
    response = client.get(reverse("oversight:reports"), {"state": "open"})
    assert {r.community_id for r in response.context["reports"]} == {world.community_a1.pk}
    assert len(response.context["reports"]) == 3


def test_each_ranked_community_links_to_its_reports(client, world, reports, at_now):
    client.force_login(world.official_a)
    response = client.get(reverse("oversight:dashboard"))
    rows = dict(response.context["rankings"][0][2][i] for i in range(2))
    url = next(url for row, url in rows.items() if row.key == world.community_a2.pk)
    shown = client.get(url).context["reports"]
    assert sorted(r.pk for r in shown) == sorted(
        r.pk for r in reports if r.community_id == world.community_a2.pk
    )


def test_the_ledger_exports_csv_and_xlsx_of_the_staffs_own_reports(client, world, reports, at_now):
    client.force_login(world.staff_a1)
    csv = client.get(reverse("oversight:ledger"), {"week": START.date().isoformat(), "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "楼道灯不亮" in text and "3" in text
    assert world.community_a2.name not in text
    xlsx = client.get(reverse("oversight:ledger"), {"week": START.date().isoformat(), "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_the_ledger_file_is_in_the_sites_language_whatever_the_readers(client, world, reports, at_now):
    Category.objects.filter(code="fac.lamp").update(name_en="Stairwell light out")
    client.force_login(world.staff_a1)
    params = {"week": START.date().isoformat(), "format": "csv"}
    text = client.get(reverse("oversight:ledger"), params, HTTP_ACCEPT_LANGUAGE="en").content.decode(
        "utf-8-sig"
    )
    assert "楼道灯不亮" in text and "责任单位" in text
    assert "Stairwell" not in text and "Responsible unit" not in text
    page = client.get(reverse("oversight:ledger"), {"week": params["week"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Stairwell light out" in page.content.decode()  # the page itself is the reader's


def test_a_resident_is_refused_the_dashboard(client, world, reports):
    client.force_login(world.outsider)
    assert client.get(reverse("oversight:dashboard")).status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2025-13-45"},
        {"since": "2025-03-10", "until": "2025-03-01"},
        {"since": "2001-01-01", "until": "2025-01-01"},
        {"category": "abc"},
        {"category": "999999"},
    ],
)
@pytest.mark.parametrize("page", ["oversight:dashboard", "oversight:heat_map", "oversight:grid"])
def test_malformed_filters_get_a_clear_message_not_an_error(client, world, reports, page, params):
    client.force_login(world.official_a)
    response = client.get(reverse(page), params)
    assert response.status_code == 400
    assert response.context["form"].errors


@pytest.mark.parametrize(
    "page, params",
    [
        ("oversight:reports", {"community": "x"}),
        ("oversight:reports", {"page": "-1"}),
        ("oversight:heat_map", {"compound": "abc"}),
        ("oversight:ledger", {"week": "last week"}),
        ("oversight:topics", {"month": "2025-99"}),
    ],
)
def test_malformed_drill_down_parameters_get_a_clear_message(client, world, reports, page, params):
    client.force_login(world.official_a)
    assert client.get(reverse(page), params).status_code == 400


def test_another_streets_compound_is_not_found_on_the_map(client, world, reports):
    client.force_login(world.official_a)
    compound = world.compound(world.community_b1)
    assert client.get(reverse("oversight:heat_map"), {"compound": compound.pk}).status_code == 404


def test_the_map_of_one_compound_counts_its_buildings(client, world, reports, at_now):
    client.force_login(world.official_a)
    compound = world.compound(world.community_a1)
    response = client.get(reverse("oversight:heat_map"), {"compound": compound.pk, **PERIOD})
    assert [(s.label, s.count) for s in response.context["spots"]] == [("1号楼", 3)]
    assert "<svg" in response.content.decode()


def test_the_dashboard_costs_the_same_queries_as_reports_grow(
    client, world, categories, django_assert_max_num_queries
):
    counts = []
    for extra in (2, 30):
        for n in range(extra):
            community = (world.community_a1, world.community_a2)[n % 2]
            submit_at(START + timedelta(hours=n), world.households(community)[0], categories["noise"])
        with time_machine.travel(NOW, tick=False):
            rollups_rebuild()
            cache.clear()  # nothing kept: count the whole reading
            client.force_login(world.official_a)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("oversight:dashboard")).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]
    # user, roles, the rollups' state, overseen communities (daily and weekly rows); the period's rates and
    # rankings, their names, the trend, now, today, the departments and their names; the channels, the city
    # orders by compound and the compounds; scope, the category choices; escalations, the notices by
    # community, coverage, halls 2, organizations 4
    with time_machine.travel(NOW, tick=False):
        cache.clear()
        client.force_login(world.official_a)
        with django_assert_max_num_queries(25):
            client.get(reverse("oversight:dashboard"))
        # kept: the person, their roles and the refresh the kept figures must be of
        with django_assert_max_num_queries(3):
            client.get(reverse("oversight:dashboard"))


def test_the_coverage_of_any_number_of_places_costs_one_query(world, django_assert_num_queries):
    from apps.oversight.selectors import coverage_of

    places = [world.street_a, world.community_a1, world.community_a2, world.street_b]
    with django_assert_num_queries(1):
        coverage = dict(coverage_of(places))
    assert [(c.covered, c.total) for c in coverage.values()] == [(1, 2), (1, 1), (0, 1), (1, 2)]


def test_the_reports_behind_a_figure_name_their_places_in_full(client, world, reports, at_now):
    from apps.places.models import PlaceKind
    from apps.places.selectors import place_label

    client.force_login(world.official_a)
    response = client.get(reverse("oversight:reports"), {"state": "open"})
    page = response.content.decode()
    for report in response.context["reports"]:
        full = place_label(report.place, from_kind=PlaceKind.COMMUNITY)
        assert full.startswith(report.community.name) and full in page


def _count_behind(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    count = response.context["count"]
    assert f'data-count="{count}"' in response.content.decode()
    return count


def test_every_figure_links_to_exactly_the_reports_it_counts(client, world, history):
    """The dashboard's figures and rankings against the lists they link to, over a random history
    that includes reports at places no management unit serves."""
    period = {
        "since": (START - timedelta(days=1)).date().isoformat(),
        "until": (START + timedelta(days=22)).date().isoformat(),
    }
    with time_machine.travel(START + timedelta(days=22), tick=False):
        client.force_login(world.official_a)
        context = client.get(reverse("oversight:dashboard"), period).context
        now, links = context["now"], context["now_links"]
        linked = [(now[state], links[state]) for state in ("open", "overdue", "escalated")]
        linked.append((context["today"], context["today_link"]))
        linked.append((context["submitted"], context["period_link"]))
        for _title, _by, rows in context["rankings"]:
            linked.extend((row.submitted, url) for row, url in rows)
        assert any("management_unit=none" in url for _, url in linked)
        assert [figure for figure, _ in linked] == [_count_behind(client, url) for _, url in linked]


def test_the_reports_behind_a_figure_say_which_filter_they_show(client, world, reports, at_now):
    client.force_login(world.official_a)
    response = client.get(
        reverse("oversight:reports"), {"community": world.community_a1.pk, "state": "overdue", **PERIOD}
    )
    with translation.override("en"):
        filters = {str(label): str(value) for label, value in response.context["filters"]}
    assert filters["Community"] == world.community_a1.name
    assert filters["State"] == "Overdue"
    assert filters["Submitted between"] == f"{PERIOD['since']} – {PERIOD['until']}"
    assert response.context["count"] == 0
    assert _count_behind(client, reverse("oversight:reports") + "?management_unit=none") == 2


def test_heat_map_labels_never_overlap(world):
    from apps.oversight.charts import Spot, _overlap, _text_width, place_labels

    spots = [
        (Spot(0, 0, f"中上园{n}号院", count=n, url=""), 300 + (n % 3) * 4, 300 + (n // 3) * 5, 8)
        for n in range(12)
    ]
    labels = place_labels(spots)
    boxes = [
        (x - _text_width(spot.label) / 2, y - 10, x + _text_width(spot.label) / 2, y + 2)
        for spot, (x, y) in labels
    ]
    assert 1 < len(boxes) < len(spots)  # crowded circles: some are labelled, the rest left to the table
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert labels[0][0].count == 11  # the busiest place first


@pytest.mark.parametrize("street", ["street_a", "street_b"])
def test_every_cell_of_the_grid_and_spot_of_the_map_links_to_its_reports(client, world, history, street):
    from apps.access.roles import Role
    from tests.factories import person_with_role

    official = person_with_role(Role.STREET_OFFICIAL, place=getattr(world, street))
    period = {
        "since": (START - timedelta(days=1)).date().isoformat(),
        "until": (START + timedelta(days=22)).date().isoformat(),
    }
    with time_machine.travel(START + timedelta(days=22), tick=False):
        client.force_login(official)
        grid = client.get(reverse("oversight:grid"), period).context
        linked = [cell for line in grid["lines"] for cell in line["cells"] if cell[0]]
        spots = client.get(reverse("oversight:heat_map"), period).context["spots"]
        linked += [(spot.count, spot.url) for spot in spots if spot.count]
        assert linked
        assert [count for count, _ in linked] == [_count_behind(client, url) for _, url in linked]


def test_the_reports_behind_a_figure_are_counted_up_to_a_cap_and_said_to_be_more(
    client, world, reports, at_now, monkeypatch
):
    client.force_login(world.official_a)
    every = client.get(reverse("oversight:reports"), {"state": "open"}).context["count"]
    monkeypatch.setattr(FigurePaginator, "cap", every - 1)
    capped = client.get(reverse("oversight:reports"), {"state": "open"})
    assert (capped.context["count"], capped.context["more"]) == (every - 1, True)
    assert f'超过 <strong data-count="{every - 1}">{every - 1}</strong> 件诉求' in capped.content.decode()
    assert len(capped.context["reports"]) == min(every, 50)  # the list itself is not cut
