"""
The 21-day waste-sorting check-in campaign (21天垃圾分类打卡), in its sixteenth day: two residents have
checked in every day (15 days) and claimed the first two rewards, three are at 10 days, the others
somewhere below. Past days' check-ins are written as the station's scans would have left them; the
rewards are claimed and handed over through the services.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from apps.organizations.models import Campaign, CheckIn, RewardTier
from apps.organizations.services.campaigns import reward_claim, reward_redeem

from .organizations import Club

DAYS_RUNNING = 15  # whole days behind it; today is the sixteenth
TIERS = [(10, "环保购物袋一个"), (15, "家用厨余堆肥桶一个"), (21, "“垃圾分类示范户”证书和米面油礼包")]
AT_15, AT_10, OTHERS = 2, 3, 12


def demo_campaign(*, club: Club, pool: list, now: datetime, rng: random.Random) -> Campaign:
    today = timezone.localdate(now)
    campaign = Campaign(
        organization=club.organization,
        title="21天垃圾分类打卡",
        description="每天早晚在小区分类驿站正确投放后扫码打卡；累计10天、15天、21天可领取奖励。",
        starts_on=today - timedelta(days=DAYS_RUNNING),
        ends_on=today - timedelta(days=DAYS_RUNNING) + timedelta(days=20),
        window_opens=time(6, 30),
        window_closes=time(21, 0),
        rule=Campaign.Rule.STATION_CODE,
    )
    campaign.full_clean()
    campaign.save()
    tiers = RewardTier.objects.bulk_create(
        RewardTier(campaign=campaign, basis=RewardTier.Basis.TOTAL, days=days, reward=reward)
        for days, reward in TIERS
    )
    people = rng.sample(pool, min(len(pool), AT_15 + AT_10 + OTHERS))
    days = [campaign.starts_on + timedelta(days=n) for n in range(DAYS_RUNNING)]
    rows = []
    for number, user in enumerate(people):
        if number < AT_15:
            kept = days
        elif number < AT_15 + AT_10:
            kept = sorted(rng.sample(days, 10))
        else:
            kept = sorted(rng.sample(days, rng.randint(2, 8)))
        rows += [_check_in(campaign, user, day, rng) for day in kept]
    CheckIn.objects.bulk_create(rows)
    for user in people[:AT_15]:
        first = reward_claim(tier=tiers[0], user=user)
        reward_claim(tier=tiers[1], user=user)
        reward_redeem(claim=first, actor=club.leader)
    reward_claim(tier=tiers[0], user=people[AT_15])
    return campaign


def _check_in(campaign: Campaign, user, day, rng: random.Random) -> CheckIn:
    at = datetime.combine(day, time(rng.choice([7, 7, 8, 19, 20]), rng.randrange(60)))
    return CheckIn(
        campaign=campaign,
        organization_id=campaign.organization_id,
        user=user,
        day=day,
        at=timezone.make_aware(at),
    )
