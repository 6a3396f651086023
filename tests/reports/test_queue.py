"""The staff queue is the day's work: open reports first, finished ones behind a filter, a search
by tracking number, place names, the phone's last digits and text."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.urls import reverse
from django.utils import translation

from apps.core.paginators import CappedPaginator
from apps.places.models import Place, PlaceKind
from apps.places.services import place_add
from apps.reports.admin_rows import rows
from apps.reports.models import Category, Report
from apps.reports.services import report_submit, report_transition

QUEUE = reverse("admin:reports_report_changelist")


@pytest.fixture
def reports(world, board, categories):
    """In community 甲1's compound: one report in 1号楼, one in a second building, one finished."""
    compound = Place.objects.get(path=board.place.ancestor_path(PlaceKind.COMPOUND))
    second = place_add(parent=place_add(parent=compound, name="2号楼"), name="1单元")
    first = report_submit(
        place=board.place,
        category=categories["lamp"],
        description="楼道灯不亮",
        source="qr",
        contact_phone="13800135678",
    )
    other = report_submit(place=second, category=categories["lamp"], description="电梯异响", source="qr")
    done = report_submit(place=board.place, category=categories["lamp"], description="已处理", source="qr")
    report_transition(report=done, action="reject", actor=world.staff_a1, note="重复")
    return {"first": first, "other": other, "done": done, "compound": compound}


def shown(client, **query):
    return set(client.get(reverse("admin:reports_report_changelist"), query).context["cl"].result_list)


def test_the_queue_opens_on_open_reports_and_keeps_finished_ones_behind_a_filter(client, world, reports):
    client.force_login(world.staff_a1)
    assert shown(client) == {reports["first"], reports["other"]}
    assert shown(client, queue="closed") == {reports["done"]}
    assert shown(client, queue="all") == {reports["first"], reports["other"], reports["done"]}


@pytest.mark.parametrize(
    "term, expected",
    [
        ("{compound} 1号楼", {"first", "done"}),
        ("{compound} 2号楼", {"other"}),
        ("{compound}", {"first", "other", "done"}),
        ("5678", {"first"}),
        ("电梯", {"other"}),
        ("{number}", {"first"}),
        ("{compound} 1号楼 楼道", {"first"}),
    ],
)
def test_staff_search_by_place_names_phone_digits_number_and_text(client, world, reports, term, expected):
    client.force_login(world.staff_a1)
    term = term.format(compound=reports["compound"].name, number=reports["first"].tracking_number.lower())
    assert shown(client, q=term) == {reports[name] for name in expected}


def test_a_search_finds_nothing_outside_ones_community(client, world, reports):
    client.force_login(world.staff_b1)
    assert shown(client, q=reports["first"].tracking_number) == set()
    assert shown(client, q="5678") == set()


@pytest.mark.parametrize("term", ["1号楼", "楼道"])
def test_the_queue_costs_the_same_queries_however_many_reports(
    client, world, reports, board, categories, term, django_assert_max_num_queries
):
    client.force_login(world.staff_a1)
    client.get(reverse("admin:reports_report_changelist"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("admin:reports_report_changelist"), {"q": term})
    for n in range(15):
        report_submit(place=board.place, category=categories["lamp"], description=f"楼道灯{n}", source="qr")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("admin:reports_report_changelist"), {"q": term})


def test_the_major_category_filter_offers_major_categories_only(client, world, reports, categories):
    client.force_login(world.staff_a1)
    response = client.get(reverse("admin:reports_report_changelist"))
    [major_filter] = [
        f for f in response.context["cl"].filter_specs if getattr(f, "parameter_name", "") == "major"
    ]
    offered = {title for _, title in major_filter.lookup_choices}
    assert offered == {"环境卫生", "设施维修"}
    lamp_major = categories["lamp"].parent_id
    assert shown(client, major=lamp_major) == {reports["first"], reports["other"]}


def test_similar_reports_are_counted_for_the_whole_page_in_the_same_queries(
    client, world, reports, board, categories, django_assert_max_num_queries
):
    """The first report's building gets 15 more reports of its category: each row counts them, and the
    page costs what it cost with two rows."""
    client.force_login(world.staff_a1)
    client.get(QUEUE)
    with django_assert_max_num_queries(20) as few:
        before = similar_column(client)
    assert before == {reports["first"]: 0, reports["other"]: 0}  # other buildings, finished ones apart
    for n in range(15):
        report_submit(place=board.place, category=categories["lamp"], description=f"灯{n}", source="qr")
    with django_assert_max_num_queries(len(few.captured_queries)):
        after = similar_column(client)
    assert after[reports["first"]] == 15 and after[reports["other"]] == 0
    assert len(after) == 17


def similar_column(client) -> dict:
    return {report: report.similar for report in client.get(QUEUE).context["cl"].result_list}


@pytest.fixture
def short_pages(monkeypatch):
    """Pages of one report and a count that stops past two, as a queue of 100,000 stops past 10,000."""
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    monkeypatch.setattr(admin.site._registry[Report], "list_per_page", 1)


def test_a_queue_longer_than_it_counts_says_more_than_and_still_pages(client, world, reports, short_pages):
    client.force_login(world.staff_a1)
    first = client.get(QUEUE, {"queue": "all"})
    assert "超过 2 条诉求" in first.content.decode()
    second = client.get(QUEUE, {"queue": "all", "p": 2})
    pages = [list(response.context["cl"].result_list) for response in (first, second)]
    assert len(pages[0]) == len(pages[1]) == 1 and pages[0] != pages[1]
    searched = client.get(QUEUE, {"q": reports["compound"].name})
    assert "超过 2 条结果" in searched.content.decode()


def test_a_queue_within_the_count_says_how_many_exactly(client, world, reports, short_pages):
    client.force_login(world.staff_a1)
    response = client.get(QUEUE)
    assert response.context["cl"].result_count == 2
    assert "超过" not in response.content.decode()
    assert "2 诉求" in response.content.decode()


@pytest.mark.parametrize("query", [{}, {"queue": "all", "q": "楼道"}, {"o": "-5"}])
def test_the_queues_rows_are_rendered_as_the_admin_renders_them(
    client, world, reports, board, categories, query
):
    """Each kind of cell: links with the list's filters, icons, a relation, choices, a date, a count of
    similar reports and an empty one."""
    for category in ("lamp", "wires"):
        report_submit(
            place=board.place, category=categories[category], description="楼道灯又坏了", source="qr"
        )
    client.force_login(world.staff_a1)
    cl = client.get(QUEUE, query).context["cl"]
    assert ["".join(row) for row in rows(cl)] == ["".join(row) for row in results(cl)]
    assert len(cl.result_list) >= 2


def test_the_queue_asks_at_most_six_queries_however_many_categories_and_reports(
    client, world, reports, board, categories, django_assert_max_num_queries
):
    """The person, their roles, the major categories of the filter, the count, the rows with their
    similar reports, their places' names (and, where the admin asks for a second factor, whether a
    person signed in without its code has an authenticator)."""
    client.force_login(world.staff_a1)
    client.get(QUEUE)
    with django_assert_max_num_queries(6):
        assert client.get(QUEUE).status_code == 200
    for n in range(6):
        major = Category.objects.create(
            code=f"more{n}", name=f"大类{n}", handler="community", position=10 + n
        )
        minor = Category.objects.create(parent=major, code=f"more{n}.x", name=f"小类{n}", handler="community")
        report_submit(place=board.place, category=minor, description=f"问题{n}", source="qr")
    with django_assert_max_num_queries(6):
        page = client.get(QUEUE)
    assert len(page.context["cl"].result_list) == 8


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_queue_reads_what_its_columns_show_with_its_rows(
    client, world, reports, board, categories, language, django_assert_max_num_queries
):
    """The rows' query reads only the columns the list shows, and each row's category in the page's
    language, with no query more per row."""
    for n in range(5):
        report_submit(place=board.place, category=categories["wires"], description=f"电线{n}", source="qr")
    client.force_login(world.staff_a1)
    client.get(QUEUE, HTTP_ACCEPT_LANGUAGE=language)
    with django_assert_max_num_queries(6):
        page = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE=language)
    wires = categories["wires"]
    with translation.override(language):
        assert f"{wires.parent.name} · {wires.name}" in page.content.decode()
    assert "description" in page.context["cl"].result_list[0].get_deferred_fields()
