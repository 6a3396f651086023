"""
Reads of the oversight pages. Every figure comes from the daily rollups, filtered by the same
permission model as everything else (`visible_to` on the rollups' community).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from apps.access.roles import GOVERNMENT, OFFICIALS
from apps.access.scopes import scopes_of
from apps.access.visibility import get_visible_or_404, visible_to
from apps.places.models import Place, PlaceKind
from apps.places.selectors import Coverage, management_coverage
from apps.reports.lifecycle import OPEN_STATUSES
from apps.reports.models import Report, Supervision
from apps.reports.rates import RATE_AGGREGATES, Rates

from .models import DailyRollup
from .rollups import COUNTED, day_start

RATE_FIGURES = tuple(RATE_AGGREGATES)

# What the rates can be broken down by: the rollup field, and the field naming it.
BREAKDOWNS = {
    "community": ("community", "community__name"),
    "management_unit": ("management_unit", "management_unit__name"),
    "category": ("category__parent", "category__parent__name"),
}


@dataclass(frozen=True)
class Period:
    since: date
    until: date  # the last day, included

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> "Period":
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))


@dataclass(frozen=True)
class Ranked:
    key: int | None
    label: str
    submitted: int
    rates: Rates

    @property
    def composite(self) -> float | None:
        return self.rates.composite()


@dataclass(frozen=True)
class Week:
    start: date
    submitted: int
    rates: Rates


def figures_for(user, *, period: Period | None = None, category=None) -> QuerySet[DailyRollup]:
    """The rollup rows the person may see, within the period and of the (major or minor) category."""
    rows = visible_to(user, DailyRollup.objects.all(), perm="oversight.view_dailyrollup")
    if period:
        rows = rows.filter(day__gte=period.since, day__lte=period.until)
    if category is not None:
        rows = (
            rows.filter(category__parent=category)
            if category.parent_id is None
            else rows.filter(category=category)
        )
    return rows


def _sums(*names: str) -> dict:
    return {name: Sum(name) for name in names}


def _rates(row: dict) -> Rates:
    return Rates(**{name: row[name] or 0 for name in RATE_FIGURES})


def now_figures(user) -> dict[str, int]:
    """Open, overdue and escalated reports as of the last refresh; only rows with open reports are read."""
    sums = figures_for(user).filter(open__gt=0).aggregate(**_sums("open", "overdue", "escalated"))
    return {name: value or 0 for name, value in sums.items()}


def intake_on(user, day: date) -> int:
    return figures_for(user).filter(day=day).aggregate(n=Sum("submitted"))["n"] or 0


def period_rates(user, period: Period, *, category=None) -> tuple[int, Rates]:
    row = figures_for(user, period=period, category=category).aggregate(**_sums("submitted", *RATE_FIGURES))
    return row["submitted"] or 0, _rates(row)


def ranked_by(user, by: str, period: Period, *, category=None) -> list[Ranked]:
    """The three rates per community, management unit or major category, best composite first."""
    field, label = BREAKDOWNS[by]
    rows = (
        figures_for(user, period=period, category=category)
        .values(field, label)
        .annotate(**_sums("submitted", *RATE_FIGURES))
        .order_by(field)
    )
    ranked = [Ranked(row[field], row[label] or "", row["submitted"] or 0, _rates(row)) for row in rows]
    return sorted(ranked, key=lambda r: (r.composite is None, -(r.composite or 0), -r.submitted))


def weekly(user, period: Period, *, category=None) -> list[Week]:
    rows = (
        figures_for(user, period=period, category=category)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(**_sums("submitted", *RATE_FIGURES))
        .order_by("week")
    )
    return [Week(_as_date(row["week"]), row["submitted"] or 0, _rates(row)) for row in rows]


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def scope_places(user) -> list[Place]:
    """The places the person oversees: their streets, districts or communities."""
    if user.is_superuser:
        return list(Place.objects.filter(kind=PlaceKind.STREET).order_by("path"))
    paths = scopes_of(user).paths_for(GOVERNMENT)
    return list(Place.objects.filter(path__in=paths).order_by("path"))


def coverage_of(places: list[Place]) -> list[tuple[Place, Coverage]]:
    return [(place, management_coverage(within=place)) for place in places]


def escalations_for(user, *, limit: int = 10) -> list[Supervision]:
    """督办 entries at the person's level on reports still open, newest first."""
    level = Supervision.Level.STREET if _is_official(user) else Supervision.Level.COMMUNITY
    entries = Supervision.objects.filter(level=level, report__status__in=OPEN_STATUSES).select_related(
        "report__category", "report__place"
    )
    return list(visible_to(user, entries, perm="reports.view_supervision").order_by("-created_at")[:limit])


def _is_official(user) -> bool:
    return user.is_superuser or bool(scopes_of(user).roles() & OFFICIALS)


STATES = ("open", "overdue", "escalated", "rated")


def state_condition(state: str, *, now: datetime) -> Q:
    is_open = Q(status__in=OPEN_STATUSES)
    return {
        "open": is_open,
        "overdue": is_open & Q(resolve_due__lt=now),
        "escalated": is_open & Q(escalation_level__gt=0),
        "rated": COUNTED & Q(rated_at__isnull=False),
    }[state]


def reports_behind(user, *, period: Period | None = None, state: str = "", **filters) -> QuerySet[Report]:
    """The reports behind a figure, as the person may see them, newest first."""
    reports = visible_to(user, Report.objects.all(), perm="reports.view_report").filter(**filters)
    if period:
        reports = reports.filter(
            created_at__gte=day_start(period.since),
            created_at__lt=day_start(period.until + timedelta(days=1)),
        )
    if state:
        reports = reports.filter(state_condition(state, now=timezone.now()))
    return reports.select_related("category__parent", "place", "community").order_by("-created_at")


def get_compound(user, pk: int) -> Place:
    """A compound the person oversees; 404 alike for missing and foreign ones."""
    return get_visible_or_404(
        user, Place.objects.filter(kind=PlaceKind.COMPOUND), perm="oversight.view_dashboard", pk=pk
    )
