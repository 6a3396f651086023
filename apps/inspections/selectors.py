"""Reads of inspections: an inspector's day, a point's checklist, a round's coverage."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from apps.access.visibility import visible_to

from .models import Assignment, Round, Standard


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
