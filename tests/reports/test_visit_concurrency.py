"""Two staff recording a return visit on one report at the same moment: one visit is kept, the other
told the report is already rated (PostgreSQL)."""

import pytest
from django.db import connection

from apps.access.roles import Role
from apps.reports.models import Report, ReturnVisit
from apps.reports.services import report_submit, report_transition
from apps.reports.visits import report_visit
from tests.concurrency import all_at_once
from tests.factories import person_with_role

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def test_two_staff_visiting_at_once_leave_one_visit(transactional_db, world, categories, board):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    colleague = person_with_role(Role.COMMUNITY_STAFF, place=world.community_a1, display_name="甲一社工二")
    answers = {"staff": ("phone", "satisfied", True), "colleague": ("in_person", "unsatisfied", False)}

    def visit(person):
        channel, satisfaction, solved = answers["staff" if person == world.staff_a1 else "colleague"]
        report_visit(report=report, by=person, channel=channel, satisfaction=satisfaction, solved=solved)
        return "visited"

    outcomes = all_at_once([world.staff_a1, colleague], visit)
    assert sorted(outcomes) == ["refused", "visited"]
    kept = ReturnVisit.objects.get()
    report = Report.objects.get(pk=report.pk)
    assert (report.rated_by, report.satisfaction) == (kept.channel, kept.satisfaction)
    assert report.events.filter(action="visit").count() == 1
