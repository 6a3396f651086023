"""
Two staff dispatching the same report at the same moment, each from the page they read, each on a
connection of their own: one wins, the other is told someone else changed it; one dispatch step is
written. PostgreSQL only (SQLite has no concurrent transactions).
"""

import pytest
from django.db import connection

from apps.reports.dispatch import Seen, report_dispatch
from apps.reports.models import Report
from apps.reports.services import report_submit
from tests.concurrency import all_at_once

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def test_two_dispatchers_at_once_one_wins_and_the_other_is_told(transactional_db, world, categories, unit_a1):
    report = report_submit(place=unit_a1, category=categories["garbage"], description="垃圾满了", source="qr")
    seen = Seen.of(report)  # both read the same page
    chosen = {world.staff_a1: f"department:{world.department_a.pk}", world.official_a: "community"}

    outcomes = all_at_once(
        list(chosen),
        lambda person: report_dispatch(report=report, by=person, handler=chosen[person], seen=seen),
    )

    assert sorted(str(outcome) for outcome in outcomes).count("refused") == 1
    report = Report.objects.get(pk=report.pk)
    assert report.events.filter(action="dispatch").count() == 2  # the system's, then the winner's
    winner = report.events.filter(action="dispatch").last().actor
    assert (report.handler_kind, report.department_id) == (
        ("street", world.department_a.pk) if winner == world.staff_a1 else ("community", None)
    )


def test_the_loser_is_refused_with_the_reports_new_status(transactional_db, world, categories, unit_a1):
    report = report_submit(place=unit_a1, category=categories["garbage"], description="垃圾满了", source="qr")
    seen = Seen.of(report)
    report_dispatch(report=report, by=world.official_a, handler="community", seen=seen)
    with pytest.raises(Exception, match=r"Someone else|其他人"):
        report_dispatch(report=report, by=world.staff_a1, handler="community", seen=seen)
