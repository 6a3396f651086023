"""
The three rates (三率) for any scope and period, defined once:

- response rate: reports responded to within their response deadline / all reports;
- resolution rate: reports the resident judged solved / all rated reports;
- satisfaction rate: reports rated satisfied or basically satisfied / all rated reports;

and a composite score with configurable weights (settings.REPORT_RATE_WEIGHTS). Merged and
rejected reports count in none of them. A return visit (回访, visits.py) rates a report the resident
left unrated: its answers count like the resident's own (`rated_by` says which it was). The
report's response and rating fields are written with their timeline events in one transaction
(services.report_transition), so they are the timeline's figures, read without replaying it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from .lifecycle import Status
from .models import Report

SATISFIED = ["satisfied", "basic"]


@dataclass(frozen=True)
class Rates:
    reports: int
    responded_in_time: int
    rated: int
    solved: int
    satisfied: int

    @property
    def response_rate(self) -> float | None:
        return self.responded_in_time / self.reports if self.reports else None

    @property
    def resolution_rate(self) -> float | None:
        return self.solved / self.rated if self.rated else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None

    def composite(self, weights: dict[str, float] | None = None) -> float | None:
        weights = weights or settings.REPORT_RATE_WEIGHTS
        parts = {
            "response": self.response_rate,
            "resolution": self.resolution_rate,
            "satisfaction": self.satisfaction_rate,
        }
        known = {name: value for name, value in parts.items() if value is not None}
        total_weight = sum(weights[name] for name in known)
        return (
            sum(weights[name] * value for name, value in known.items()) / total_weight
            if total_weight
            else None
        )


def counted(queryset: QuerySet[Report]) -> QuerySet[Report]:
    return queryset.exclude(status__in=[Status.MERGED, Status.REJECTED])


def rates_of(
    queryset: QuerySet[Report], *, since: datetime | None = None, until: datetime | None = None
) -> Rates:
    """The three rates of the reports in `queryset` submitted in [since, until)."""
    reports = counted(queryset)
    if since:
        reports = reports.filter(created_at__gte=since)
    if until:
        reports = reports.filter(created_at__lt=until)
    figures = reports.aggregate(**RATE_AGGREGATES)
    return Rates(**figures)


RATE_AGGREGATES = {
    "reports": Count("pk"),
    "responded_in_time": Count(
        "pk", filter=Q(responded_at__isnull=False, responded_at__lte=F("response_due"))
    ),
    "rated": Count("pk", filter=Q(rated_at__isnull=False)),
    "solved": Count("pk", filter=Q(rated_at__isnull=False, solved=True)),
    "satisfied": Count("pk", filter=Q(rated_at__isnull=False, satisfaction__in=SATISFIED)),
}


def rates_by(queryset: QuerySet[Report], field: str, **period) -> dict:
    """The three rates per value of `field` (e.g. "community", "management_unit", "category__parent")."""
    reports = counted(queryset)
    if period.get("since"):
        reports = reports.filter(created_at__gte=period["since"])
    if period.get("until"):
        reports = reports.filter(created_at__lt=period["until"])
    rows = reports.values(field).annotate(**RATE_AGGREGATES).order_by(field)
    return {row.pop(field): Rates(**row) for row in rows}
