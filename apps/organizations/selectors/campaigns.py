"""A person's progress in a campaign: days in all, the longest run of days in a row, rewards."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models import Campaign, CheckIn, RewardClaim, RewardTier


@dataclass(frozen=True)
class Progress:
    days: list[date]
    claimed: dict[int, RewardClaim] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.days)

    @property
    def longest_streak(self) -> int:
        return longest_run(self.days)


def longest_run(days: list[date]) -> int:
    best = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous and day - previous == timedelta(days=1) else 1
        best, previous = max(best, run), day
    return best


def campaign_progress(campaign: Campaign, user) -> Progress:
    days = list(CheckIn.objects.filter(campaign=campaign, user=user).values_list("day", flat=True))
    claims = RewardClaim.objects.filter(tier__campaign=campaign, user=user)
    return Progress(days=days, claimed={claim.tier_id: claim for claim in claims})


def reached(tier: RewardTier, progress: Progress) -> bool:
    count = progress.longest_streak if tier.basis == RewardTier.Basis.STREAK else progress.total
    return count >= tier.days
