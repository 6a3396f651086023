"""Fresh statistics after a bulk write: PostgreSQL's planner reads them, SQLite has none to read."""

import json

import pytest
from django.db import connection

from apps.core.planner import analyze
from apps.demo.builder import seed_demo
from apps.demo.plan import SMALL
from apps.places.models import Place, PlaceKind

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
def test_seed_demo_leaves_estimates_near_the_truth_and_a_compound_read_through_the_path_index(db):
    street = seed_demo(size=SMALL).street
    below_street = Place.objects.filter(path__startswith=street.path)
    assert plan_of(below_street)["Plan Rows"] >= below_street.count() / 2
    compound = Place.objects.filter(kind=PlaceKind.COMPOUND).order_by("path").first()
    plan = below_street.filter(path__startswith=compound.path).explain()
    assert "places_place_path_prefix" in plan or "places_place_kind_path" in plan
