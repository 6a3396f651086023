"""
Writes about the units joined to a report besides its handler: the dispatcher adds co-handlers (协办);
community staff and street officials summon departments and district bureaus (吹哨报到); each summoned
unit's staff report in (报到) by its deadline and then add their notes and say their part is done.
Each step is a timeline event of the report, written in the same transaction.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.photos import ProcessedPhoto
from apps.places.models import Department, Place, PlaceKind

from .joined_units import JoinedUnit
from .lifecycle import OPEN_STATUSES
from .models import Report, TimelineEvent
from .timeline import step_record

Part = JoinedUnit.Part


def joinable_departments(report: Report) -> QuerySet:
    """The units that may be joined to a report: its street's departments and its district's bureaus,
    in service, not handling or already joined to it."""
    return (
        Department.objects.filter(_serving(report.place), is_active=True)
        .exclude(pk=report.department_id or 0)
        .exclude(joined_reports__report=report)
        .order_by("kind", "name")
    )


def cohandlers_add(
    *, report: Report, departments: Sequence[Department], actor, note: str = ""
) -> list[JoinedUnit]:
    """The dispatcher adds departments that read the report and add notes (协办)."""
    if not departments:
        raise ValidationError({"departments": _("Choose the co-handlers.")})
    return _join(report=report, departments=departments, actor=actor, part=Part.COHANDLER, note=note)


def units_summon(
    *, report: Report, departments: Sequence[Department], actor, note: str = ""
) -> list[JoinedUnit]:
    """Community staff or a street official summon units to a report that needs several (吹哨);
    each must report in by the deadline of the report's urgency."""
    if not departments:
        raise ValidationError({"departments": _("Choose the units to summon.")})
    return _join(report=report, departments=departments, actor=actor, part=Part.SUMMONED, note=note)


def unit_report_in(*, unit: JoinedUnit, actor) -> JoinedUnit:
    """A summoned unit's staff report in (报到), for their own unit only, once."""
    with transaction.atomic():
        unit = _locked(unit)
        if not actor.has_perm("reports.report_in", unit):
            raise PermissionDenied(
                _("Only the staff of %(unit)s report in for it.") % {"unit": unit.department}
            )
        if unit.reported_in_at is not None:
            raise ValidationError(
                _("%(unit)s reported in at %(at)s already.")
                % {
                    "unit": unit.department,
                    "at": timezone.localtime(unit.reported_in_at).strftime("%Y-%m-%d %H:%M"),
                }
            )
        unit.reported_in_at, unit.reported_in_by = timezone.now(), actor
        unit.save(update_fields=["reported_in_at", "reported_in_by"])
        _unit_event(unit, "report_in", actor=actor)
    return unit


def unit_note_add(
    *, unit: JoinedUnit, actor, note: str, photos: Sequence[ProcessedPhoto] = (), done: bool = False
) -> TimelineEvent:
    """A joined unit's staff add a note with photos to the report; `done`: their part is done."""
    with transaction.atomic():
        unit = _locked(unit)
        if not actor.has_perm("reports.add_note", unit):
            raise PermissionDenied(_("Only the staff of %(unit)s add its notes.") % {"unit": unit.department})
        if unit.part == Part.SUMMONED and unit.reported_in_at is None:
            raise ValidationError(_("Report in first: then add your notes."))
        if not note.strip():
            raise ValidationError({"note": _("Write what your unit did.")})
        if done and unit.done_at is None:
            unit.done_at = timezone.now()
            unit.save(update_fields=["done_at"])
        event = _unit_event(unit, "unit_done" if done else "unit_note", actor=actor, note=note, photos=photos)
    return event


def report_in_due(report: Report, now) -> object:
    minutes = settings.REPORT_IN_MINUTES_URGENT if report.urgent else settings.REPORT_IN_MINUTES
    return now + timedelta(minutes=minutes)


def _join(*, report: Report, departments, actor, part: str, note: str = "") -> list[JoinedUnit]:
    permission = "reports.dispatch_report" if part == Part.COHANDLER else "reports.summon_units"
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("place").get(pk=report.pk)
        if not actor.has_perm(permission, report):
            raise PermissionDenied
        _check_open(report)
        for department in departments:
            _check_joinable(report, department)
        now = timezone.now()
        due = report_in_due(report, now) if part == Part.SUMMONED else None
        units = []
        for department in departments:
            try:
                with transaction.atomic():
                    unit = JoinedUnit.objects.create(
                        report=report,
                        department=department,
                        part=part,
                        joined_by=actor,
                        joined_at=now,
                        report_in_due=due,
                    )
            except IntegrityError as twice:
                raise ValidationError(_already_joined(department)) from twice
            _unit_event(unit, "add_cohandler" if part == Part.COHANDLER else "summon", actor=actor, note=note)
            units.append(unit)
    return units


def _check_open(report: Report) -> None:
    if report.status not in OPEN_STATUSES:
        raise ValidationError(
            _("The report is “%(status)s”: units are no longer joined to it or noted on it.")
            % {"status": report.get_status_display()}
        )


def _check_joinable(report: Report, department: Department) -> None:
    if not Department.objects.filter(_serving(report.place), pk=department.pk).exists():
        raise ValidationError(
            _(
                "%(unit)s does not serve this place: summon a department of the report's street "
                "or a bureau of its district."
            )
            % {"unit": department}
        )
    if not department.is_active:
        raise ValidationError(_("%(unit)s is no longer in service.") % {"unit": department})
    if department.pk == report.department_id:
        raise ValidationError(_("%(unit)s already handles this report.") % {"unit": department})
    if JoinedUnit.objects.filter(report=report, department=department).exists():
        raise ValidationError(_already_joined(department))


def _already_joined(department: Department) -> str:
    return _("%(unit)s is already joined to this report.") % {"unit": department}


def _serving(place: Place) -> Q:
    """Departments of the place's street, and bureaus of its district."""
    street, district = place.ancestor_path(PlaceKind.STREET), place.ancestor_path(PlaceKind.DISTRICT)
    return Q(kind=Department.Kind.STREET_DEPARTMENT, place__path=street) | Q(
        kind=Department.Kind.DISTRICT_BUREAU, place__path=district
    )


def _locked(unit: JoinedUnit) -> JoinedUnit:
    unit = JoinedUnit.objects.select_for_update().select_related("report", "department").get(pk=unit.pk)
    _check_open(unit.report)
    return unit


def _unit_event(unit: JoinedUnit, action: str, *, actor, note: str = "", photos=()) -> TimelineEvent:
    return step_record(report=unit.report, action=action, actor=actor, note=note, photos=photos, unit=unit)
