"""
文明数治 figures for any scope and period: points inspected, pass rate, notices issued / answered /
overdue / passed on re-inspection, and the effective disposal rate (有效处置率), grouped by street,
community, responsible unit, category or round — two grouped queries whatever the number of rows.

The effective disposal rate = notices rectified and passed on re-inspection ÷ notices issued; it is
written here once (`disposal_rate`) and every page and export reads it from here.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.visibility import visible_to
from apps.places.models import Department, ManagementUnit, Place, PlaceKind, depth_of

from .models import Inspection, InspectionPoint, Notice, PointCategory, Round

OPEN_STATUSES = (Notice.Status.ISSUED, Notice.Status.RETURNED)
ANSWERED_STATUSES = (Notice.Status.ANSWERED, Notice.Status.PASSED, Notice.Status.RETURNED)
DIMENSIONS = ("street", "community", "unit", "category", "round")


def disposal_rate(*, passed: int, issued: int) -> float | None:
    """有效处置率: notices rectified and passed on re-inspection ÷ notices issued; None when none was
    issued."""
    return passed / issued if issued else None


@dataclass
class Figures:
    label: str
    key: tuple = ()
    points: int = 0
    inspections: int = 0
    passed: int = 0
    issued: int = 0
    answered: int = 0
    overdue: int = 0
    rectified: int = 0  # passed on re-inspection

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.inspections if self.inspections else None

    @property
    def disposal_rate(self) -> float | None:
        return disposal_rate(passed=self.rectified, issued=self.issued)

    def add(self, other: "Figures") -> None:
        for name in ("points", "inspections", "passed", "issued", "answered", "overdue", "rectified"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _path_of(kind: str, via: str):
    return Substr(via, 1, Place.steplen * depth_of(kind))


# What each dimension groups on, from an inspection and from a notice.
_GROUPS = {
    "street": ({"g0": _path_of(PlaceKind.STREET, "point__place__path")}, None),
    "community": ({"g0": _path_of(PlaceKind.COMMUNITY, "point__place__path")}, None),
    "category": ({"g0": F("point__category")}, None),
    "round": ({"g0": F("round")}, None),
    "unit": (
        {
            "g0": F("point__handler_kind"),
            "g1": F("point__management_unit"),
            "g2": F("point__department"),
            "g3": _path_of(PlaceKind.COMMUNITY, "point__place__path"),
        },
        {
            "g0": F("handler_kind"),
            "g1": F("management_unit"),
            "g2": F("department"),
            "g3": _path_of(PlaceKind.COMMUNITY, "point__place__path"),
        },
    ),
}


def inspections_in(user, *, since: datetime, until: datetime, category=None) -> QuerySet:
    found = visible_to(user, Inspection.objects.all(), perm="inspections.view_inspection")
    found = found.filter(created_at__gte=since, created_at__lt=until)
    return found.filter(point__category=category) if category else found


def notices_in(user, *, since: datetime, until: datetime, category=None) -> QuerySet:
    found = visible_to(user, Notice.objects.all(), perm="inspections.view_notice")
    found = found.filter(issued_at__gte=since, issued_at__lt=until)
    return found.filter(point__category=category) if category else found


def figures_by(
    user, by: str, *, since: datetime, until: datetime, category=None, now: datetime | None = None
) -> list[Figures]:
    """One row per street, community, unit, category or round of the inspections and notices the
    person may see in [since, until), sorted by notices issued then name."""
    now = now or timezone.now()
    on_inspection, on_notice = _GROUPS[by]
    on_notice = on_notice or on_inspection
    inspected = (
        inspections_in(user, since=since, until=until, category=category)
        .annotate(**on_inspection)
        .values(*on_inspection)
        .annotate(
            n_points=Count("point", distinct=True),
            n_inspections=Count("pk"),
            n_passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    issued = (
        notices_in(user, since=since, until=until, category=category)
        .annotate(**on_notice)
        .values(*on_notice)
        .annotate(
            n_issued=Count("pk"),
            n_answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES)),
            n_overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=now)),
            n_rectified=Count("pk", filter=Q(status=Notice.Status.PASSED)),
        )
        .order_by()
    )
    rows: dict[tuple, Figures] = {}
    for row in inspected:
        line = rows.setdefault(_key(row, by), Figures("", _key(row, by)))
        line.points += row["n_points"]
        line.inspections += row["n_inspections"]
        line.passed += row["n_passed"]
    for row in issued:
        line = rows.setdefault(_key(row, by), Figures("", _key(row, by)))
        line.issued += row["n_issued"]
        line.answered += row["n_answered"]
        line.overdue += row["n_overdue"]
        line.rectified += row["n_rectified"]
    labels = _labels(by, list(rows))
    for key, line in rows.items():
        line.label = labels.get(key, "")
    return sorted(rows.values(), key=lambda line: (-line.issued, line.label))


def _key(row: dict, by: str) -> tuple:
    key = tuple(row[name] for name in sorted(name for name in row if name.startswith("g")))
    if by == "unit":  # a unit is its company's unit, a street department, or else the community
        kind, unit, department, community = key
        return (
            kind,
            unit if kind == "property" else None,
            department if kind == "street" else None,
            community if kind not in ("property", "street") else "",
        )
    return key


def total_of(lines: list[Figures]) -> Figures:
    """The sum of the rows; points inspected add up since each row holds different points (by round
    a point inspected in two rounds counts twice)."""
    total = Figures(_("All"))
    for line in lines:
        total.add(line)
    return total


def _labels(by: str, keys: list[tuple]) -> dict[tuple, str]:
    if by in ("street", "community"):
        names = dict(Place.objects.filter(path__in=[k[0] for k in keys if k[0]]).values_list("path", "name"))
        return {key: names.get(key[0], "") for key in keys}
    if by == "category":
        names = dict(PointCategory.objects.filter(pk__in=[k[0] for k in keys]).values_list("pk", "name"))
        return {key: names.get(key[0], "") for key in keys}
    if by == "round":
        rounds = Round.objects.select_related("category").in_bulk([k[0] for k in keys if k[0]])
        return {key: str(rounds[key[0]]) if key[0] in rounds else _("Outside any round") for key in keys}
    units = dict(ManagementUnit.objects.filter(pk__in=[k[1] for k in keys if k[1]]).values_list("pk", "name"))
    departments = dict(
        Department.objects.filter(pk__in=[k[2] for k in keys if k[2]]).values_list("pk", "name")
    )
    communities = dict(
        Place.objects.filter(path__in=[k[3] for k in keys if k[3]]).values_list("path", "name")
    )
    return {key: units.get(key[1]) or departments.get(key[2]) or communities.get(key[3], "") for key in keys}


def failing_points(
    user, *, since: datetime, until: datetime, category=None, limit: int = 200
) -> list[InspectionPoint]:
    """The `limit` points that failed most inspections in the period, most first (`failures` set)."""
    failed = inspections_in(user, since=since, until=until, category=category).filter(passed=False)
    counts = dict(
        failed.values("point_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "point_id")
        .values_list("point_id", "n")[:limit]
    )
    points = InspectionPoint.objects.select_related("place", "category").in_bulk(list(counts))
    for pk, point in points.items():
        point.failures = counts[pk]
    return sorted(points.values(), key=lambda point: (-point.failures, point.code))
