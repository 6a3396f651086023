"""
未诉先办: early warnings, computed on a schedule from the rollups.

The rule: a compound (all categories together), or a category within a community, raises a warning
when its reports of the last 7 days (today included) number at least MINIMUM and at least RATIO
times its usual week — the mean week of the 8 weeks before them. A subject already warned of within
the last 7 days is not warned of again.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, Sum

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import PlaceKind

from .models import DailyRollup, EarlyWarning

RECENT_DAYS = 7
BASELINE_WEEKS = 8
RATIO = 2
MINIMUM = 5


@dataclass(frozen=True)
class Rise:
    place_id: int
    category_id: int | None
    recent: int
    usual: float


def rises(today: date) -> list[Rise]:
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    baseline_from = recent_from - timedelta(weeks=BASELINE_WEEKS)
    window = DailyRollup.objects.filter(day__gte=baseline_from, day__lte=today)
    sums = {
        "recent": Sum("submitted", filter=Q(day__gte=recent_from)),
        "baseline": Sum("submitted", filter=Q(day__lt=recent_from)),
    }
    found = []
    for fields in (("compound",), ("community", "category")):
        rows = window.filter(compound__isnull=False) if fields == ("compound",) else window
        for row in rows.values(*fields).annotate(**sums).filter(recent__gte=MINIMUM).order_by(*fields):
            usual = (row["baseline"] or 0) / BASELINE_WEEKS
            if row["recent"] >= RATIO * usual:
                place = row.get("compound") or row["community"]
                found.append(Rise(place, row.get("category"), row["recent"], usual))
    return found


def warnings_raise(*, today: date) -> list[EarlyWarning]:
    """Record the warnings of today's rises; returns the new ones."""
    raised = []
    for rise in rises(today):
        recent = EarlyWarning.objects.filter(
            place_id=rise.place_id,
            category_id=rise.category_id,
            raised_on__gt=today - timedelta(days=RECENT_DAYS),
        )
        if recent.exists():
            continue
        raised.append(
            EarlyWarning.objects.create(
                place_id=rise.place_id,
                category_id=rise.category_id,
                raised_on=today,
                recent=rise.recent,
                usual=rise.usual,
            )
        )
    return raised


def staff_to_warn(warning: EarlyWarning):
    """The community staff of the warned place: the people to act before the complaints come."""
    community_path = warning.place.ancestor_path(PlaceKind.COMMUNITY)
    assignments = RoleAssignment.objects.active().filter(
        role=Role.COMMUNITY_STAFF, place__path=community_path
    )
    return [a.user for a in assignments.select_related("user")]
