"""A person's volunteer record: the activities they attended, their hours and their rewards."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ..models import RewardClaim, Signup


@dataclass(frozen=True)
class VolunteerRecord:
    attended: list[Signup]
    hours: Decimal
    services: int
    rewards: list[RewardClaim]


def volunteer_record(user) -> VolunteerRecord:
    attended = (
        Signup.objects.filter(user=user, checked_in_at__isnull=False)
        .select_related("activity__organization")
        .order_by("-activity__starts_at")
    )
    totals = Signup.objects.filter(user=user, hours__isnull=False).aggregate(hours=Sum("hours"))
    rewards = RewardClaim.objects.filter(user=user).select_related("tier__campaign__organization")
    attended = list(attended)
    return VolunteerRecord(
        attended=attended,
        hours=totals["hours"] or Decimal(0),
        services=sum(1 for s in attended if s.hours is not None),
        rewards=list(rewards),
    )
