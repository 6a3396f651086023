"""Fresh statistics after a bulk write: PostgreSQL's planner reads them, SQLite has none to read."""

import json

import pytest
from django.db import connection

from apps.core.planner import RANDOM_PAGE_COST, analyze
from apps.demo.builder import seed_demo
from apps.demo.plan import SMALL
from apps.places.models import Place

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")


def plan_of(queryset) -> dict:
    return json.loads(queryset.explain(format="json"))[0]["Plan"]


def reltuples(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's side")
def test_analyze_asks_nothing_of_sqlite(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        analyze(Place)


@postgresql_only
def test_analyze_counts_the_rows_a_bulk_write_added(world):
    analyze(Place)
    assert reltuples(Place) == Place.objects.count()


@postgresql_only
def test_seed_demo_leaves_the_planner_estimating_the_places_under_a_street_near_their_count(db):
    street = seed_demo(size=SMALL).street
    below_street = Place.objects.filter(path__startswith=street.path)
    assert plan_of(below_street)["Plan Rows"] >= below_street.count() / 2


@postgresql_only
def test_each_connection_plans_for_random_reads_as_cheap_as_on_ssd(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == RANDOM_PAGE_COST == 1.1
