"""A person's volunteer record: the activities they attended, their hours and their rewards."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ..models import Organization, RewardClaim, Signup


@dataclass(frozen=True)
class VolunteerRecord:
    attended: list[Signup]
    hours: Decimal
    services: int
    rewards: list[RewardClaim]
    by_organization: list[tuple[Organization, Decimal]]  # credited hours per organization, most first

    def organization_served(self, pk: str | None) -> Organization | None:
        """One of the organizations the person has credited hours with (by default the one served most)."""
        served = [organization for organization, _hours in self.by_organization]
        if not pk:
            return served[0] if served else None
        return next((organization for organization in served if str(organization.pk) == pk), None)


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
        by_organization=_hours_by_organization(attended),
    )


def _hours_by_organization(attended: list[Signup]) -> list[tuple[Organization, Decimal]]:
    hours: dict[int, Decimal] = defaultdict(Decimal)
    organizations = {}
    for signup in attended:
        if signup.hours is not None:
            organizations[signup.organization_id] = signup.activity.organization
            hours[signup.organization_id] += signup.hours
    return sorted(((organizations[pk], total) for pk, total in hours.items()), key=lambda pair: -pair[1])
