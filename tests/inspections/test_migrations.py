"""Existing rows move: a point's and a notice's street department by name becomes the street's
`places.Department`, and each inspection and notice takes its assignment's round."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("inspections", "0003_notice_escalations")]
AFTER = [("inspections", "0006_street_department_names_removed")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_names_become_departments_and_inspections_take_their_rounds(world):
    old = migrate(BEFORE)
    try:
        ids = _old_rows(old, world)
    finally:
        new = migrate(AFTER)
    point = new.get_model("inspections", "InspectionPoint").objects.get(pk=ids["point"])
    notice = new.get_model("inspections", "Notice").objects.get(pk=ids["notice"])
    inspection = new.get_model("inspections", "Inspection").objects.get(pk=ids["inspection"])
    assert (point.department.name, point.department.place_id) == ("城管科", world.street_a.pk)
    assert notice.department_id == point.department_id
    assert inspection.round_id == notice.round_id == ids["round"]


def _old_rows(apps, world) -> dict[str, int]:
    model = lambda name: apps.get_model("inspections", name)  # noqa: E731
    category = model("PointCategory").objects.create(code="lane", name="背街小巷")
    point = model("InspectionPoint").objects.create(
        code="L-1",
        name="新华西街",
        category=category,
        place_id=world.community_a2.pk,
        handler_kind="street",
        street_department="城管科",
    )
    round_ = model("Round").objects.create(
        street_id=world.street_a.pk, category=category, starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 2)
    )
    assignment = model("Assignment").objects.create(
        round=round_, point=point, inspector_id=world.official_a.pk, walk_order=0, planned_on=date(2026, 1, 1)
    )
    inspection = model("Inspection").objects.create(
        point=point, assignment=assignment, inspector_id=world.official_a.pk, passed=False
    )
    notice = model("Notice").objects.create(
        number="督查〔2026〕第0001号",
        street_id=world.street_a.pk,
        year=2026,
        serial=1,
        inspection=inspection,
        point=point,
        handler_kind="street",
        street_department="城管科",
        deadline=timezone.now() + timedelta(days=7),
    )
    return {"point": point.pk, "notice": notice.pk, "inspection": inspection.pk, "round": round_.pk}
