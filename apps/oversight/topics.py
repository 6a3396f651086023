"""
每月一题: the categories of a street that most need a systematic fix in a month, with the evidence.

A category's score = reports × (1 + repeat share) × (1 + dissatisfaction), where the repeat share is
the part of its reports made at a compound that reported it at least REPEAT times that month, and
dissatisfaction = 1 − its satisfaction rate (0 while nothing is rated).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from apps.places.models import Place
from apps.reports.models import Category
from apps.reports.rates import Rates

REPEAT = 3
SHOWN = 5


@dataclass
class Candidate:
    category_id: int
    name: str
    reports: int = 0
    rated: int = 0
    satisfied: int = 0
    repeated: int = 0
    places: list[tuple[str, int]] = field(default_factory=list)

    @property
    def satisfaction_rate(self) -> float | None:
        return Rates(self.reports, 0, self.rated, 0, self.satisfied).satisfaction_rate

    @property
    def repeat_share(self) -> float:
        return self.repeated / self.reports if self.reports else 0

    @property
    def score(self) -> float:
        dissatisfaction = 1 - self.satisfaction_rate if self.satisfaction_rate is not None else 0
        return self.reports * (1 + self.repeat_share) * (1 + dissatisfaction)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following


def candidates(rows, month: date) -> list[Candidate]:
    """Rank the minor categories of the rollup rows `rows` (already scoped) in the month."""
    first, following = month_bounds(month)
    grouped = list(
        rows.filter(day__gte=first, day__lt=following)
        .values("category", "compound")
        .annotate(reports=Sum("reports"), rated=Sum("rated"), satisfied=Sum("satisfied"))
        .order_by()
    )
    categories = dict(
        Category.objects.filter(pk__in={row["category"] for row in grouped}).values_list("pk", "name")
    )
    compounds = dict(
        Place.objects.filter(pk__in={row["compound"] for row in grouped if row["compound"]}).values_list(
            "pk", "name"
        )
    )
    found: dict[int, Candidate] = {}
    for row in grouped:
        row["compound__name"] = compounds.get(row["compound"])
        candidate = found.setdefault(row["category"], Candidate(row["category"], categories[row["category"]]))
        candidate.reports += row["reports"]
        candidate.rated += row["rated"]
        candidate.satisfied += row["satisfied"]
        if row["compound"] and row["reports"] >= REPEAT:
            candidate.repeated += row["reports"]
        if row["compound"]:
            candidate.places.append((row["compound__name"], row["reports"]))
    for candidate in found.values():
        candidate.places = sorted(candidate.places, key=lambda p: -p[1])[:3]
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.name))
    return [c for c in ranked if c.reports][:SHOWN]


def monthly_counts(rows, category_ids: list[int], months: list[date]) -> dict[int, list[tuple[date, int]]]:
    """How often each chosen category came up each month — does the systematic fix work? One query."""
    firsts = [month_bounds(month)[0] for month in months]
    if not (category_ids and firsts):
        return {pk: [(first, 0) for first in firsts] for pk in category_ids}
    found = (
        rows.filter(category_id__in=category_ids, day__gte=min(firsts), day__lt=month_bounds(max(firsts))[1])
        .annotate(month=TruncMonth("day"))
        .values_list("category_id", "month")
        .annotate(n=Sum("reports"))
        .order_by()
    )
    counts = {(pk, _as_date(month)): n for pk, month, n in found}
    return {pk: [(first, counts.get((pk, first), 0)) for first in firsts] for pk in category_ids}


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value
