"""Reads of inspections: an inspector's day, a point's checklist, a round's coverage, the notices of
a place and period."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.places.models import Place, PlaceKind, depth_of

from .models import Assignment, Notice, Round, Standard

COMMUNITY_PATH = Place.steplen * depth_of(PlaceKind.COMMUNITY)


def assignments_for_today(*, inspector, today: date) -> QuerySet:
    """The inspector's points still to inspect up to today, in walking order (those left from past
    days first)."""
    return (
        Assignment.objects.filter(inspector=inspector, inspected_at__isnull=True, planned_on__lte=today)
        .filter(round__ends_on__gte=today)
        .select_related("point__category", "point__place", "round")
        .order_by("round__category__position", "round_id", "walk_order")
    )


def checklist(point) -> QuerySet:
    return Standard.objects.filter(category_id=point.category_id, is_active=True).order_by("position", "pk")


@dataclass(frozen=True)
class CoverageLine:
    label: str
    inspected: int
    due: int

    @property
    def percent(self) -> int:
        return round(100 * self.inspected / self.due) if self.due else 0


def round_coverage(*, round_: Round) -> dict[str, list[CoverageLine]]:
    """Points inspected / points due, by inspector and in all, in one query each."""
    counted = Assignment.objects.filter(round=round_)
    totals = {"inspected": Count("pk", filter=Q(inspected_at__isnull=False)), "due": Count("pk")}
    by_inspector = (
        counted.values("inspector__display_name", "inspector__username").annotate(**totals).order_by("-due")
    )
    overall = counted.aggregate(**totals)
    return {
        "inspectors": [
            CoverageLine(
                row["inspector__display_name"] or row["inspector__username"], row["inspected"], row["due"]
            )
            for row in by_inspector
        ],
        "overall": [CoverageLine(str(round_.category), overall["inspected"], overall["due"])],
    }


def rounds_visible_to(user) -> QuerySet:
    return visible_to(user, Round.objects.select_related("category", "street")).order_by(
        "-starts_on", "category"
    )


def street_coverage(*, rounds: QuerySet, limit: int = 60) -> list[tuple[Round, CoverageLine]]:
    """Each round's points inspected / due: coverage by category, one query."""
    annotated = rounds.annotate(
        inspected=Count("assignments", filter=Q(assignments__inspected_at__isnull=False)),
        due=Count("assignments"),
    )
    return [(r, CoverageLine(str(r.category), r.inspected, r.due)) for r in annotated[:limit]]


def day_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    """The days [since, until] as [start of the first, start of the day after the last) in local time."""
    tz = timezone.get_current_timezone()
    return datetime.combine(since, time.min, tzinfo=tz), datetime.combine(
        until + timedelta(days=1), time.min, tzinfo=tz
    )


def notices_at(user, *, place: Place | None = None, since: date | None = None, until: date | None = None):
    """The notices the person may see at `place` and below, issued in the days [since, until]: what a
    place's notice figure on the oversight pages counts, and the list it links to shows."""
    found = visible_to(user, Notice.objects.all(), perm="inspections.view_notice")
    if place is not None:
        found = found.filter(point__place__path__startswith=place.path)
    if since and until:
        start, end = day_bounds(since, until)
        found = found.filter(issued_at__gte=start, issued_at__lt=end)
    return found


@dataclass
class PlaceNotices:
    place: Place
    issued: int
    overdue: int


def notices_by_community(user, *, since: date, until: date) -> list[PlaceNotices]:
    """Notices issued in the period and those of them overdue, per community the person may see: two
    queries whatever the number of communities."""
    waiting = Q(status__in=(Notice.Status.ISSUED, Notice.Status.RETURNED), deadline__lt=timezone.now())
    rows = (
        notices_at(user, since=since, until=until)
        .annotate(community=Substr("point__place__path", 1, COMMUNITY_PATH))
        .values("community")
        .annotate(issued=Count("pk"), overdue=Count("pk", filter=waiting))
        .order_by()
    )
    counts = {row["community"]: row for row in rows}
    places = Place.objects.filter(path__in=list(counts)).order_by("path")
    return [PlaceNotices(p, counts[p.path]["issued"], counts[p.path]["overdue"]) for p in places]
