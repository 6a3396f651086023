"""What the street's people do together, after its places, people, reports and halls exist:
organizations and their activities, the check-in campaign, meetings and votes."""

import random

from django.utils import timezone

from apps.halls.models import Hall
from apps.places.models import Place

from .activities import demo_activities, residents_by_community
from .campaigns import demo_campaign
from .meetings import demo_meetings
from .organizations import demo_organizations
from .plan import SEED, PlannedPerson
from .votes import demo_votes


def demo_community_life(*, street: Place, people: list[PlannedPerson]) -> None:
    now = timezone.now()
    rng = random.Random(SEED + 21)
    clubs = demo_organizations(street=street, people=people, now=now)
    demo_activities(clubs=clubs, now=now, rng=rng)
    sorting = next(c for c in clubs if c.organization.name.endswith("垃圾分类督导队"))
    pool = residents_by_community()[sorting.organization.place_id]
    demo_campaign(club=sorting, pool=pool, now=now, rng=rng)
    halls = list(Hall.objects.filter(place__path__startswith=street.path).order_by("place__path"))
    demo_meetings(halls=halls, now=now, rng=rng)
    demo_votes(street=street, hall=halls[0], now=now, rng=rng)
