"""The street's figures about its social organizations, for the oversight dashboard."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import ORGANIZATION_ROLES
from apps.places.models import Place

from ..models import Activity, Organization, Signup


@dataclass
class Month:
    activities: int = 0
    hours: Decimal = Decimal(0)
    people_served: int = 0


@dataclass(frozen=True)
class StreetFigures:
    by_category: dict[str, int]
    by_status: dict[str, int]
    by_category_and_status: dict[tuple[str, str], int]
    members: int
    months: dict[date, Month] = field(default_factory=dict)

    @property
    def organizations(self) -> int:
        return sum(self.by_status.values())


def street_figures(*, street: Place, since: date | None = None) -> StreetFigures:
    """Organizations by category and status, distinct members, and per month (by the activity's
    start, in local time) the activities held, volunteer hours and people served. Five queries."""
    below = {"organization__place__path__startswith": street.path}
    counts = (
        Organization.objects.filter(place__path__startswith=street.path, kind=Organization.Kind.ORGANIZATION)
        .values_list("category", "status")
        .annotate(n=Count("pk"))
    )
    pairs = {(category, status): n for category, status, n in counts}
    by_category, by_status = Counter(), Counter()
    for (category, status), n in pairs.items():
        by_category[category] += n
        by_status[status] += n
    members = (
        RoleAssignment.objects.active()
        .filter(role__in=ORGANIZATION_ROLES, **below)
        .exclude(organization__kind=Organization.Kind.FEDERATION)
        .values("user")
        .distinct()
        .count()
    )
    tz = timezone.get_current_timezone()
    held = Activity.objects.filter(cancelled_at__isnull=True, ends_at__lte=timezone.now(), **below)
    signups = Signup.objects.filter(hours__isnull=False, **below)
    if since:
        held = held.filter(starts_at__date__gte=since)
        signups = signups.filter(activity__starts_at__date__gte=since)
    months: dict[date, Month] = {}
    for month, n, served in (
        held.annotate(month=TruncMonth("starts_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"), served=Sum("people_served"))
        .values_list("month", "n", "served")
    ):
        entry = months.setdefault(_day(month), Month())
        entry.activities, entry.people_served = n, served or 0
    for month, hours in (
        signups.annotate(month=TruncMonth("activity__starts_at", tzinfo=tz))
        .values("month")
        .annotate(h=Sum("hours"))
        .values_list("month", "h")
    ):
        months.setdefault(_day(month), Month()).hours = hours or Decimal(0)
    return StreetFigures(
        by_category=dict(by_category),
        by_status=dict(by_status),
        by_category_and_status=pairs,
        members=members,
        months=dict(sorted(months.items())),
    )


def _day(month) -> date:
    return month.date() if hasattr(month, "date") else month
