"""
Two people summoning the same unit to a report at the same moment (吹哨), each on a connection of
their own: the unit is joined once and reports in once; the other is told it is already joined.
PostgreSQL only (SQLite has no concurrent transactions).
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.reports.joined_units import JoinedUnit
from apps.reports.services import report_submit
from apps.reports.units import units_summon
from tests.concurrency import all_at_once

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def test_two_people_summoning_the_same_unit_at_once_join_it_once(
    transactional_db, world, categories, unit_a1
):
    noise = categories["noise"]
    report = report_submit(place=unit_a1, category=noise, description="夜间施工噪音", source="qr")

    def summon(person):
        try:
            return units_summon(report=report, departments=[world.department_a], actor=person, note="需城管")
        except ValidationError as refused:
            return " ".join(refused.messages)

    outcomes = all_at_once([world.staff_a1, world.official_a], summon)

    refusals = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert len(refusals) == 1
    assert "城市管理办公室" in refusals[0] and ("已" in refusals[0] or "already" in refusals[0])
    assert JoinedUnit.objects.filter(report=report, department=world.department_a).count() == 1
    assert report.events.filter(action="summon").count() == 1
