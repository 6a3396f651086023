"""
Departments in the three rates and rankings: the oversight dashboard ranks the street's departments
like its management units, from the rollups of the reports each was sent over the period, as the person
may see them; each figure equals a direct recount and links to the reports behind it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.oversight.departments import ranked_departments
from apps.oversight.rollups import rollups_refresh
from apps.oversight.selectors import Period
from apps.reports.dispatch import Seen, report_dispatch
from apps.reports.models import Report
from apps.reports.rates import rates_of
from apps.reports.services import report_transition

from .conftest import START, submit_at

NOW = START + timedelta(days=5)
PERIOD = Period((START - timedelta(days=1)).date(), NOW.date())


@pytest.fixture
def handled(world, categories):
    """In street 甲: two 飞线充电 reports with its 平安建设办公室, three sent by hand to its 城市管理办公室
    (two rated, one unsatisfied); in street 乙 one with its own 城市管理办公室."""
    made = []
    for n in range(2):
        made.append(
            submit_at(
                START + timedelta(hours=n), world.households(world.community_a1)[0], categories["wires"]
            )
        )
    for n, community in enumerate((world.community_a1, world.community_a2, world.community_a1)):
        report = submit_at(
            START + timedelta(hours=3 + n), world.households(community)[0], categories["noise"]
        )
        with time_machine.travel(START + timedelta(hours=4 + n), tick=False):
            report = report_dispatch(
                report=report,
                by=world.official_a,
                handler=f"department:{world.department_a.pk}",
                seen=Seen.of(report),
            )
            report = report_transition(report=report, action="accept", actor=world.department_staff_a)
            if n < 2:
                report = report_transition(
                    report=report, action="resolve", actor=world.department_staff_a, note="好了"
                )
                satisfied = ("satisfied", True) if n == 0 else ("unsatisfied", False)
                report_transition(
                    report=report, action="rate", satisfaction=satisfied[0], solved=satisfied[1]
                )
        made.append(report)
    other = submit_at(START, world.households(world.community_b1)[0], categories["noise"])
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        report_dispatch(
            report=other,
            by=world.staff_b1,
            handler=f"department:{world.department_b.pk}",
            seen=Seen.of(other),
        )
    with time_machine.travel(NOW, tick=False):
        rollups_refresh()
    return made


def test_departments_are_ranked_with_rates_equal_to_a_direct_recount(world, handled):
    with time_machine.travel(NOW, tick=False):
        ranked = ranked_departments(world.official_a, PERIOD)
    assert {row.label for row in ranked} == {"城市管理办公室", "平安建设办公室"}
    for row in ranked:
        direct = rates_of(Report.objects.filter(department_id=row.key))
        assert row.rates == direct
        assert row.submitted == Report.objects.filter(department_id=row.key).count()
    city = next(row for row in ranked if row.key == world.department_a.pk)
    assert (city.submitted, city.rates.rated, city.rates.satisfied) == (3, 2, 1)


def test_a_person_sees_only_the_departments_work_in_their_own_scope(world, handled):
    with time_machine.travel(NOW, tick=False):
        in_b = ranked_departments(world.staff_b1, PERIOD)
        in_a2 = ranked_departments(world.staff_a2, PERIOD)
    assert [(row.key, row.submitted) for row in in_b] == [(world.department_b.pk, 1)]
    assert [(row.key, row.submitted) for row in in_a2] == [(world.department_a.pk, 1)]


def test_the_dashboard_ranks_departments_and_links_to_their_reports(client, world, handled):
    period = {"since": PERIOD.since.isoformat(), "until": PERIOD.until.isoformat()}
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        page = client.get(reverse("oversight:dashboard"), period)
        rows = next(rows for _title, by, rows in page.context["rankings"] if by == "department")
        assert "城市管理办公室" in page.content.decode()
        for row, url in rows:
            behind = client.get(url)
            assert behind.status_code == 200
            assert behind.context["count"] == row.submitted and row.submitted > 0


def test_a_report_sent_to_another_department_moves_in_the_ranking_at_the_next_refresh(world, handled):
    safety = Report.objects.filter(department__name="平安建设办公室", community=world.community_a1).first()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        report_transition(report=safety, action="return", actor=safety_staff(world, safety), note="不归我们")
        report_dispatch(
            report=Report.objects.get(pk=safety.pk),
            by=world.official_a,
            handler=f"department:{world.department_a.pk}",
            seen=Seen.of(Report.objects.get(pk=safety.pk)),
        )
        rollups_refresh()
        ranked = {row.key: row.submitted for row in ranked_departments(world.official_a, PERIOD)}
    assert ranked[world.department_a.pk] == Report.objects.filter(department=world.department_a).count() == 4
    assert ranked[safety.department_id] == 1


def safety_staff(world, report):
    from apps.access.roles import Role
    from tests.factories import person_with_role

    return person_with_role(Role.DEPARTMENT_STAFF, department=report.department, display_name="甲平安办")
