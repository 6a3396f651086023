"""
Reads of the oversight pages. Every figure comes from the rollups, filtered by the same permission
model as everything else (`visible_to` on the rollups' community): the whole weeks of a period from
the weekly rows, the days at either end from the daily ones, so a figure reads at most 12 days of
daily rows whatever the period's length. A minor category's figures read the daily rows only (the
weekly ones know major categories).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.scopes import scopes_of
from apps.access.visibility import get_visible_or_404, outermost_places, permits, visible_to
from apps.core.languages import as_named, in_language
from apps.core.paginators import CappedPaginator
from apps.halls.figures import HallFigures
from apps.halls.figures import street_figures as hall_figures
from apps.organizations.selectors.figures import street_figures as organization_figures
from apps.places.models import Department, ManagedCompound, ManagementUnit, Place, PlaceKind, depth_of
from apps.places.selectors import Coverage
from apps.reports.lifecycle import OPEN_STATUSES
from apps.reports.models import Category, Report, Supervision
from apps.reports.rates import RATE_AGGREGATES, Rates

from .models import DailyRollup, WeeklyRollup
from .rollups import COUNTED, day_start

RATE_FIGURES = tuple(RATE_AGGREGATES)
# The daily rows' lookups that the weekly rows name otherwise.
WEEKLY_LOOKUPS = {"category__parent": "major"}

# What the rates can be broken down by: the rollup field, and what it names.
BREAKDOWNS = {
    "community": ("community", Place),
    "management_unit": ("management_unit", ManagementUnit),
    "category": ("category__parent", Category),
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


def overseen_communities(user, *, perm: str = "oversight.view_dailyrollup") -> list[int]:
    """The ids of the communities whose rollup rows the person may see — the rows' one anchor, under
    the same rule (`visible_to` with the rollups' permission). Read once per request and given to the
    rollup queries as a list: the rows need no join to places, and the planner knows how many match."""
    scopes = scopes_of(user)
    cache = getattr(user, _COMMUNITIES_ATTRIBUTE, None)
    if cache is None or cache[0] is not scopes:
        cache = (scopes, {})
        if getattr(user, "is_authenticated", False):
            setattr(user, _COMMUNITIES_ATTRIBUTE, cache)
    if perm not in cache[1]:
        communities = visible_to(user, Place.objects.filter(kind=PlaceKind.COMMUNITY), perm=perm)
        cache[1][perm] = sorted(communities.values_list("pk", flat=True))
    return cache[1][perm]


_COMMUNITIES_ATTRIBUTE = "_oversight_communities"  # (the scopes they were read for, {perm: ids})


def figures_for(user, *, period: Period | None = None, category=None) -> QuerySet[DailyRollup]:
    """The daily rows the person may see, within the period and of the (major or minor) category."""
    rows = DailyRollup.objects.filter(community__in=overseen_communities(user))
    if period:
        rows = rows.filter(day__gte=period.since, day__lte=period.until)
    if category is not None:
        rows = (
            rows.filter(category__parent=category)
            if category.parent_id is None
            else rows.filter(category=category)
        )
    return rows


def weekly_figures_for(user, *, weeks: Period | None = None, major=None) -> QuerySet[WeeklyRollup]:
    """The weekly rows the person may see, of the weeks starting within `weeks`, of the major category."""
    perm = "oversight.view_weeklyrollup"
    rows = WeeklyRollup.objects.filter(community__in=overseen_communities(user, perm=perm))
    if weeks:
        rows = rows.filter(week__gte=weeks.since, week__lte=weeks.until)
    if major is not None:
        rows = rows.filter(major=major)
    return rows


def split(period: Period) -> tuple[Period | None, list[Period]]:
    """The period as the starts of its whole weeks (Mondays) and the days before and after them."""
    first_monday = period.since + timedelta(days=-period.since.weekday() % 7)
    last_sunday = period.until - timedelta(days=(period.until.weekday() + 1) % 7)
    if first_monday > last_sunday:
        return None, [period]
    days = []
    if period.since < first_monday:
        days.append(Period(period.since, first_monday - timedelta(days=1)))
    if last_sunday < period.until:
        days.append(Period(last_sunday + timedelta(days=1), period.until))
    return Period(first_monday, last_sunday - timedelta(days=6)), days


def _parts(user, period: Period, *, category, by_week: bool, daily_only: bool) -> list[tuple[QuerySet, dict]]:
    """The querysets covering the period, each with how it names the daily rows' lookups."""
    weeks, days = split(period)
    if daily_only or (category is not None and category.parent_id is not None):
        weeks, days = None, [period]
    parts = []
    if weeks:
        parts.append((weekly_figures_for(user, weeks=weeks, major=category), WEEKLY_LOOKUPS))
    if days:
        within = Q()
        for part in days:
            within |= Q(day__gte=part.since, day__lte=part.until)
        daily = figures_for(user, category=category).filter(within)
        parts.append((daily.annotate(week=TruncWeek("day")) if by_week else daily, {}))
    return parts


def grouped(user, period: Period, *, by: tuple[str, ...], sums: tuple[str, ...], category=None, **filters):
    """The sums of the rollup rows of the period per value of `by` (one or more lookups of the daily
    rows; "week" is the Monday), the weekly and daily parts in one query: {values of by: {sum: total}}.
    What needs a compound or a minor category reads the daily rows only."""
    daily_only = any(name.split("__")[0] == "compound" for name in (*by, *filters))
    parts = _parts(user, period, category=category, by_week="week" in by, daily_only=daily_only)
    queries = []
    for rows, names in parts:
        rows = rows.filter(**{names.get(k, k): v for k, v in filters.items()}).order_by()
        queries.append(rows.values_list(*[names.get(name, name) for name in by]).annotate(**_sums(*sums)))
    found = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    merged: dict[tuple, dict[str, int]] = {}
    width = len(by)
    for row in found:
        total = merged.setdefault(tuple(row[:width]), dict.fromkeys(sums, 0))
        for name, value in zip(sums, row[width:], strict=True):
            total[name] += value or 0
    return merged


def names_of(model, ids) -> dict[int, str]:
    """The names of a few places, units or categories: one small query instead of a join per row."""
    return names_of_each({model: ids})[model]


def names_of_each(wanted: dict) -> dict:
    """{model: {pk: name}} for {model: ids} of models with a name, in one query."""
    queries = [
        as_named(model.objects.filter(pk__in=[pk for pk in ids if pk is not None]))
        .annotate(source=Value(position, output_field=IntegerField()), label=in_language(model, "name"))
        .values_list("source", "pk", "label")
        .order_by()
        for position, (model, ids) in enumerate(wanted.items())
    ]
    found: dict = {model: {} for model in wanted}
    models = list(wanted)
    for position, pk, name in queries[0].union(*queries[1:], all=True) if queries else []:
        found[models[position]][pk] = name
    return found


def _sums(*names: str) -> dict:
    return {name: Sum(name) for name in names}


def _rates(row: dict) -> Rates:
    return Rates(**{name: row[name] or 0 for name in RATE_FIGURES})


def now_figures(user) -> dict[str, int]:
    """Open, overdue and escalated reports as of the last refresh; only rows with open reports are read."""
    sums = weekly_figures_for(user).filter(open__gt=0).aggregate(**_sums("open", "overdue", "escalated"))
    return {name: value or 0 for name, value in sums.items()}


def intake_on(user, day: date) -> int:
    return figures_for(user).filter(day=day).aggregate(n=Sum("submitted"))["n"] or 0


@dataclass(frozen=True)
class PeriodFigures:
    submitted: int
    rates: Rates
    ranked: dict[str, list[Ranked]]  # by BREAKDOWNS' keys


def period_figures(user, period: Period, *, category=None) -> PeriodFigures:
    """The period's total and its rankings by community, management unit and major category, best
    composite first: one query for the sums per (community, unit, major category), added up here."""
    fields = tuple(field for field, _ in BREAKDOWNS.values())
    rows = grouped(user, period, by=fields, sums=("submitted", *RATE_FIGURES), category=category)
    ranked, totals_by = {}, {}
    for position, by in enumerate(BREAKDOWNS):
        totals_by[by] = _added(rows, lambda key, p=position: key[p])
    names_by = names_of_each({model: totals_by[by] for by, (_field, model) in BREAKDOWNS.items()})
    for by, (_field, model) in BREAKDOWNS.items():
        totals, names = totals_by[by], names_by[model]
        ranked[by] = sorted(
            (Ranked(key, names.get(key, ""), row["submitted"], _rates(row)) for key, row in totals.items()),
            key=lambda r: (r.composite is None, -(r.composite or 0), -r.submitted, r.key or 0),
        )
    total = _added(rows, lambda key: None).get(None)
    if total is None:
        return PeriodFigures(0, Rates(0, 0, 0, 0, 0), ranked)
    return PeriodFigures(total["submitted"], _rates(total), ranked)


def _added(rows: dict[tuple, dict[str, int]], key_of) -> dict:
    totals: dict = {}
    for key, row in rows.items():
        total = totals.setdefault(key_of(key), dict.fromkeys(row, 0))
        for name, value in row.items():
            total[name] += value
    return totals


def period_rates(user, period: Period, *, category=None) -> tuple[int, Rates]:
    figures = period_figures(user, period, category=category)
    return figures.submitted, figures.rates


def ranked_by(user, by: str, period: Period, *, category=None) -> list[Ranked]:
    return period_figures(user, period, category=category).ranked[by]


def weekly(user, period: Period, *, category=None) -> list[Week]:
    rows = grouped(user, period, by=("week",), sums=("submitted", *RATE_FIGURES), category=category)
    weeks = sorted((_as_date(week), row) for (week,), row in rows.items())
    return [Week(start, row["submitted"], _rates(row)) for start, row in weeks]


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def scope_places(user) -> list[Place]:
    """The places the person oversees: their streets, districts or communities."""
    if user.is_superuser:
        return list(Place.objects.filter(kind=PlaceKind.STREET).order_by("path"))
    return list(
        Place.objects.filter(path__in=outermost_places(user, "oversight.view_dashboard")).order_by("path")
    )


def coverage_of(places: list[Place]) -> list[tuple[Place, Coverage]]:
    """Management coverage of each place (as places.selectors.management_coverage counts it), in one
    query over the compounds below them, whatever the number of places."""
    if not places:
        return []
    below = Q()
    for place in places:
        below |= Q(path__startswith=place.path)
    managed = ManagedCompound.objects.filter(compound=OuterRef("pk"))
    found = list(
        Place.objects.filter(below, kind=PlaceKind.COMPOUND)
        .annotate(managed=Exists(managed))
        .values_list("path", "managed")
    )
    return [
        (
            place,
            Coverage(
                covered=sum(managed for path, managed in found if path.startswith(place.path)),
                total=sum(1 for path, _ in found if path.startswith(place.path)),
            ),
        )
        for place in places
    ]


def escalations_for(user, *, limit: int = 10) -> list[Supervision]:
    """督办 entries at the person's level on reports still open, newest first."""
    street = permits(user, "oversight.oversee_street")
    level = Supervision.Level.STREET if street else Supervision.Level.COMMUNITY
    entries = Supervision.objects.filter(level=level, report__status__in=OPEN_STATUSES).select_related(
        "report__category", "report__place"
    )
    return list(visible_to(user, entries, perm="reports.view_supervision").order_by("-created_at")[:limit])


STATES = ("open", "overdue", "escalated", "rated")
STATE_LABELS = {
    "open": _("Open reports"),
    "overdue": _("Overdue"),
    "escalated": _("Escalated (督办)"),
    "rated": _("Rated"),
}


def state_condition(state: str, *, now: datetime) -> Q:
    is_open = Q(status__in=OPEN_STATUSES)
    return {
        "open": is_open,
        "overdue": is_open & Q(resolve_due__lt=now),
        "escalated": is_open & Q(escalation_level__gt=0),
        "rated": COUNTED & Q(rated_at__isnull=False),
    }[state]


NO_UNIT = "none"  # the drill-down's management unit for reports at places no unit serves
NO_COMPOUND = "none"  # the drill-down's compound for reports about a community or street itself


@dataclass(frozen=True)
class DrillDown:
    """The reports behind a figure, and the filter they were chosen by, named for the reader."""

    reports: QuerySet[Report]
    filters: list[tuple[str, str]]


def drill_down(user, data: dict) -> DrillDown:
    """The reports a figure counted, from the drill-down form's cleaned data: the same filters, as
    the person may see them."""
    filters, named = {}, []
    if data["community"]:
        filters["community_id"] = data["community"]
        named.append((_("Community"), _name_of(Place, data["community"])))
    if data["compound"] == NO_COMPOUND:
        filters["place__depth__lt"] = depth_of(PlaceKind.COMPOUND)
        named.append((_("Compound"), _("Not in a compound")))
    for key in ("compound", "place"):
        if data[key] and data[key] != NO_COMPOUND:
            place = Place.objects.filter(pk=data[key]).first()
            filters["place__path__startswith"] = place.path if place else "-"
            named.append((_("Place"), place.name if place else "—"))
    if data["management_unit"] == NO_UNIT:
        filters["management_unit__isnull"] = True
        named.append((_("Property-management unit"), _("No unit")))
    elif data["management_unit"]:
        filters["management_unit_id"] = data["management_unit"]
        named.append((_("Property-management unit"), _name_of(ManagementUnit, data["management_unit"])))
    if data.get("department"):
        filters["department_id"] = data["department"]
        named.append((_("Department"), _name_of(Department, data["department"])))
    if data["major"]:
        filters["category__parent_id"] = data["major"]
        named.append((_("Category"), _name_of(Category, data["major"])))
    if data["category"]:
        filters["category"] = data["category"]
        named.append((_("Category"), str(data["category"])))
    if data.get("source"):
        filters["source"] = data["source"]
        named.append((_("Channel"), Report.Source(data["source"]).label))
    period = data["period"] if data["dated"] else None
    if period:
        named.append((_("Submitted between"), f"{period.since} – {period.until}"))
    if data["state"]:
        named.append((_("State"), STATE_LABELS[data["state"]]))
    reports = reports_behind(user, period=period, state=data["state"], **filters)
    return DrillDown(reports, named)


class FigurePaginator(CappedPaginator):
    """Counts the reports behind a figure up to 1,000: the figure itself gives their number."""

    cap = 1_000


@dataclass(frozen=True)
class DrillDownPage:
    """One page of the reports behind a figure, and how many there are (up to the cap, `more` beyond)."""

    reports: list[Report]
    has_next: bool
    count: int
    more: bool


def drill_down_page(behind: DrillDown, number: int, size: int) -> DrillDownPage:
    """Page `number` of the reports behind a figure, read with one row more to know whether another
    page follows."""
    shown = list(behind.reports[(number - 1) * size : number * size + 1])
    counted = FigurePaginator(behind.reports, size)
    return DrillDownPage(shown[:size], len(shown) > size, counted.count, counted.more)


def _name_of(model, pk: int) -> str:
    return model.objects.filter(pk=pk).values_list("name", flat=True).first() or "—"


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


@dataclass(frozen=True)
class OrganizationActivity:
    place: Place
    organizations: int
    active: int
    members: int
    activities: int
    hours: Decimal
    people_served: int


def hall_activity(places: list[Place], period: Period) -> HallFigures:
    return hall_figures(places=places, since=period.since, until=period.until)


def organization_activity(places: list[Place], period: Period) -> list[OrganizationActivity]:
    """Per overseen place: its social organizations and what they did in the period."""
    found = []
    for place in places:
        figures = organization_figures(street=place, since=period.since)
        months = [m for start, m in figures.months.items() if start <= period.until]
        found.append(
            OrganizationActivity(
                place=place,
                organizations=figures.organizations,
                active=figures.by_status.get("active", 0),
                members=figures.members,
                activities=sum(m.activities for m in months),
                hours=sum((m.hours for m in months), Decimal(0)),
                people_served=sum(m.people_served for m in months),
            )
        )
    return found
