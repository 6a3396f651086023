"""
Demo 协办 and 吹哨报到: some of the street's reports with co-handlers and summoned units — district
bureaus and the street's own departments — reported in on time, late, or not at all and escalated
as reports/report_in.py would have done, with each unit's notes on the timeline.
"""

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import Department, Place, PlaceKind
from apps.reports.joined_units import JoinedUnit
from apps.reports.lifecycle import Status
from apps.reports.models import ActorKind, Report, Supervision, TimelineEvent

from .plan import SEED

BUREAUS = ("区城市管理委员会", "区住房和城乡建设委员会", "区水务局")
NOTES = (
    "已到现场查看，和社区一起确定了分工。",
    "本单位负责的部分已安排人员处置，附现场照片。",
    "已联系产权单位，约定本周内完成。",
)
OPEN_SUMMONS, CLOSED_SUMMONS, COHANDLED = 4, 4, 3


def demo_joined_units(*, street: Place, now: datetime, seed: int = SEED) -> int:
    """Join units to a few open and closed reports of the street; returns how many were joined."""
    rng = random.Random(seed)
    district = Place.objects.get(path=street.ancestor_path(PlaceKind.DISTRICT))
    units = [
        Department.objects.get_or_create(
            place=district, name=name, defaults={"kind": Department.Kind.DISTRICT_BUREAU}
        )[0]
        for name in BUREAUS
    ] + list(Department.objects.filter(place=street).order_by("name"))
    staff = _staff_of(units)
    summoners = _community_staff(street)
    reports = Report.objects.filter(place__path__startswith=street.path).order_by("-created_at", "pk")
    working = reports.filter(
        status__in=[Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS],
        created_at__lte=now - timedelta(hours=9),
    )
    opened = list(working[:OPEN_SUMMONS])
    closed = list(reports.filter(status__in=[Status.RATED, Status.CLOSED])[: CLOSED_SUMMONS + COHANDLED])
    joined = 0
    for n, report in enumerate(opened):
        # the newest is still within its deadline; the next is escalated; the others reported in
        at = now - timedelta(minutes=20) if n == 0 else now - timedelta(hours=5 + n)
        outcome = "waiting" if n == 0 else "escalated" if n == 1 else "reported"
        joined += _summon(rng, report, _others(rng, units, report, 2), at, now, outcome, staff, summoners)
    for report in closed[:CLOSED_SUMMONS]:
        at = report.created_at + timedelta(hours=1)
        joined += _summon(rng, report, _others(rng, units, report, 2), at, now, "done", staff, summoners)
    for report in closed[CLOSED_SUMMONS:]:
        joined += _cohandle(rng, report, _others(rng, units, report, 1)[0], staff)
    return joined


def _summon(rng, report, departments, at, now, outcome, staff, summoners) -> int:
    minutes = settings.REPORT_IN_MINUTES_URGENT if report.urgent else settings.REPORT_IN_MINUTES
    summoner = summoners.get(report.community_id)
    for department in departments:
        unit = JoinedUnit.objects.create(
            report=report,
            department=department,
            part=JoinedUnit.Part.SUMMONED,
            joined_by_id=summoner,
            joined_at=at,
            report_in_due=at + timedelta(minutes=minutes),
        )
        _event(report, unit, "summon", at, summoner, ActorKind.COMMUNITY)
        if outcome == "escalated" and department == departments[-1]:
            _escalate(report, unit, now)
            continue
        if outcome == "waiting":
            continue
        person = staff.get(department.pk)
        reported = at + timedelta(minutes=rng.randint(5, minutes - 5))
        if reported >= now:
            continue
        unit.reported_in_at, unit.reported_in_by_id = reported, person
        _event(report, unit, "report_in", reported, person, ActorKind.STREET)
        noted = reported + timedelta(minutes=rng.randint(20, 90))
        if noted < now:
            done = outcome == "done"
            unit.done_at = noted if done else None
            _event(
                report,
                unit,
                "unit_done" if done else "unit_note",
                noted,
                person,
                ActorKind.STREET,
                rng.choice(NOTES),
            )
        unit.save(update_fields=["reported_in_at", "reported_in_by", "done_at"])
    return len(departments)


def _cohandle(rng, report, department, staff) -> int:
    at = report.created_at + timedelta(minutes=30)
    unit = JoinedUnit.objects.create(
        report=report, department=department, part=JoinedUnit.Part.COHANDLER, joined_at=at
    )
    _event(report, unit, "add_cohandler", at, None, ActorKind.COMMUNITY)
    person = staff.get(department.pk)
    _event(report, unit, "unit_note", at + timedelta(hours=2), person, ActorKind.STREET, rng.choice(NOTES))
    return 1


def _escalate(report, unit, now) -> None:
    late_by = timedelta(minutes=settings.REPORT_IN_TO_STREET_AFTER_MINUTES)
    for level, at in (
        (Supervision.Level.COMMUNITY, unit.report_in_due),
        (Supervision.Level.STREET, unit.report_in_due + late_by),
    ):
        if at > now:
            break
        Supervision.objects.create(
            report=report,
            unit=unit,
            deadline=Supervision.Deadline.REPORT_IN,
            level=level,
            due_at=unit.report_in_due,
            created_at=at,
            announced_at=at,
        )
        _event(
            report, unit, "unit_escalated", at, None, ActorKind.SYSTEM, f"{unit.department} · {level.label}"
        )


def _event(report, unit, action, at, actor_id, kind, note="") -> None:
    before = report.events.filter(created_at__lte=at, unit__isnull=True).order_by("created_at", "pk").last()
    status = before.status_after if before else report.status
    TimelineEvent.objects.create(
        report=report,
        unit=unit,
        action=action,
        status_after=status,
        actor_id=actor_id,
        actor_kind=kind,
        note=note,
        created_at=at,
        announced_at=at,
    )


def _others(rng, units, report, count) -> list[Department]:
    return rng.sample([unit for unit in units if unit.pk != report.department_id], count)


def _staff_of(units) -> dict[int, int]:
    held = RoleAssignment.objects.filter(role=Role.DEPARTMENT_STAFF, department__in=units).order_by("pk")
    return dict(list(held.values_list("department_id", "user_id"))[::-1])  # the first one granted


def _community_staff(street) -> dict[int, int]:
    held = RoleAssignment.objects.filter(
        Q(place__path__startswith=street.path), role=Role.COMMUNITY_STAFF
    ).order_by("pk")
    return dict(list(held.values_list("place_id", "user_id"))[::-1])
