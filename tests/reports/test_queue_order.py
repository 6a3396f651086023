"""The staff queue stays fast as reports pile up: its order is the order of an index, it counts once,
and a search finds words in any case while what staff type never breaks it."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.core.paginators import CappedPaginator
from apps.reports.models import Report
from apps.reports.services import report_submit, report_transition

QUEUE = reverse("admin:reports_report_changelist")


@pytest.fixture
def queue(world, board, categories):
    """Open reports of every kind of place in the queue, submitted so their deadlines interleave,
    and a finished one with the earliest deadline of all."""

    def submitted(days_ago: float, category: str, text: str = "楼道灯不亮"):
        with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
            return report_submit(
                place=board.place, category=categories[category], description=text, source="qr"
            )

    rejected = submitted(30, "garbage")
    report_transition(report=rejected, action="reject", actor=world.staff_a1, note="重复")
    return {
        "rejected": rejected,
        "lamp_due_in_3_days": submitted(0, "lamp"),
        "noise_due_in_6_days": submitted(1, "noise", "WiFi路由器噪音"),
        "garbage_late_by_1_day": submitted(2, "garbage"),
        "noise_late_by_3_days": submitted(10, "noise"),
        "urgent_wires": submitted(0, "wires"),
    }


def listed(client, **query) -> list:
    return list(client.get(QUEUE, query).context["cl"].result_list)


def test_the_queue_pins_urgent_reports_then_the_overdue_then_orders_by_deadline(client, world, queue):
    client.force_login(world.staff_a1)
    expected = [
        "urgent_wires",
        "noise_late_by_3_days",
        "garbage_late_by_1_day",
        "lamp_due_in_3_days",
        "noise_due_in_6_days",
    ]
    assert listed(client) == [queue[name] for name in expected]
    assert listed(client, queue="all") == [queue[name] for name in [*expected, "rejected"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index's use is PostgreSQL's plan")
def test_postgresql_reads_the_queue_in_the_order_of_its_index(client, world, queue):
    client.force_login(world.staff_a1)
    page = client.get(QUEUE, {"queue": "all"}).context["cl"].queryset[:100]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")  # a sort only where no index gives the order
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = page.explain()
    assert "reports_queue_order" in plan
    assert "Sort" not in plan


def test_the_queue_counts_its_reports_once(client, world, queue, django_assert_max_num_queries):
    client.force_login(world.staff_a1)
    client.get(QUEUE)
    with django_assert_max_num_queries(12) as page:
        client.get(QUEUE)
    counts = [q["sql"] for q in page.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1


@pytest.mark.parametrize(
    "term, expected",
    [
        ("wifi", {"noise_due_in_6_days"}),
        ("WIFI路由器", {"noise_due_in_6_days"}),
        ("路由器", {"noise_due_in_6_days"}),
        (
            "灯",
            {
                "lamp_due_in_3_days",
                "garbage_late_by_1_day",
                "noise_late_by_3_days",
                "urgent_wires",
                "rejected",
            },
        ),
    ],
)
def test_a_word_of_the_text_is_found_in_any_case(client, world, queue, term, expected):
    client.force_login(world.staff_a1)
    assert set(listed(client, q=term)) == {queue[name] for name in expected}


@pytest.mark.parametrize("term", ["(", "(wifi", "a+b", "[电梯", "\\", "%", "_", "WiFi*", "?"])
def test_a_search_with_signs_of_patterns_looks_for_the_signs(client, world, queue, term):
    client.force_login(world.staff_a1)
    response = client.get(QUEUE, {"q": term})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.fixture
def pages_of_one(monkeypatch):
    monkeypatch.setattr(admin.site._registry[Report], "list_per_page", 1)


IN_QUEUE_ORDER = [
    "urgent_wires",
    "noise_late_by_3_days",
    "garbage_late_by_1_day",
    "lamp_due_in_3_days",
    "rejected",
]


def test_a_two_character_word_is_found_and_paged_in_the_queues_order(client, world, queue, pages_of_one):
    client.force_login(world.staff_a1)
    pages = [listed(client, q="楼道", p=number) for number in range(1, 6)]
    assert pages == [[queue[name]] for name in IN_QUEUE_ORDER]
    assert listed(client, q="噪音") == [queue["noise_due_in_6_days"]]
    assert listed(client, q="fi") == [queue["noise_due_in_6_days"]]  # in any case


def test_a_two_character_word_found_beyond_the_count_still_pages_in_order(
    client, world, queue, pages_of_one, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    client.force_login(world.staff_a1)
    first = client.get(QUEUE, {"q": "楼道"})
    assert "超过 2 条结果" in first.content.decode()
    pages = [list(first.context["cl"].result_list), listed(client, q="楼道", p=2)]
    assert pages == [[queue["urgent_wires"]], [queue["noise_late_by_3_days"]]]


def test_a_two_character_word_is_counted_by_the_ids_it_lists(
    client, world, queue, pages_of_one, django_assert_max_num_queries
):
    client.force_login(world.staff_a1)
    client.get(QUEUE, {"q": "楼道"})
    with django_assert_max_num_queries(13) as page:
        client.get(QUEUE, {"q": "楼道"})
    assert not [q["sql"] for q in page.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index's use is PostgreSQL's plan")
def test_postgresql_lists_a_two_character_word_from_its_pairs_index_and_reads_pages_by_id(
    client, world, queue, pages_of_one
):
    client.force_login(world.staff_a1)
    paginator = client.get(QUEUE, {"q": "楼道"}).context["cl"].paginator
    with connection.cursor() as cursor:
        # Statistics as fresh as a maintained table's, whatever earlier tests left; and the table
        # too small to need an index: reading reports by an index scan in another order is off too,
        # so what is left is a bitmap over an index the search's condition can use.
        cursor.execute("ANALYZE reports_report, places_place")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert "Bitmap Index Scan on reports_text_pairs" in paginator.listing().explain()
    page = paginator.page(2).object_list.explain()
    assert "reports_queue_order" not in page  # the page is not walked for in the queue's order
    assert "reports_report_pkey" in page  # its rows are read by id
