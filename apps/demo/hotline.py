"""The 12345 city orders of the last hour, still open: sent down by the hotline with the city's
deadlines, entered through the same service as the admin, the import and the API."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from apps.hotline.services import OrderValues, city_order_receive
from apps.places.models import Place, PlaceKind
from apps.reports.models import Category

from .plan import SEED

CALLS = [
    ("env.garbage-overflow", "市民来电反映：小区垃圾桶满溢两天无人清运，气味很大。"),
    ("facility.stair-light", "市民来电反映：楼道灯不亮已一周，老人上下楼不安全。"),
    ("neighbour.square-dance", "市民来电反映：夜间广场舞音响声音过大，影响休息。"),
    ("safety.fire-lane", "市民来电反映：消防通道被私家车长期占用。"),
    ("facility.elevator-fault", "市民来电反映：电梯频繁故障停运，老人出行困难。"),
    ("greenery.dead-replant", "市民来电反映：小区绿地枯死，希望补种。"),
]


def demo_city_orders(*, street: Place, count: int = 6, now: datetime | None = None) -> int:
    """Send `count` open city orders down to compounds of the street; returns how many entered."""
    now = now or timezone.now()
    rng = random.Random(SEED + 12345)
    compounds = list(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMPOUND).order_by("path")
    )
    listed = {c.code: c for c in Category.objects.filter(parent__isnull=False, is_active=True)}
    calls = [(listed[code], text) for code, text in CALLS if code in listed]
    entered = 0
    for n in range(count if compounds and calls else 0):
        compound = rng.choice(compounds)
        category, text = calls[n % len(calls)]
        sent_at = now - timedelta(minutes=rng.randint(5, 50))
        values = OrderValues(
            number=f"12345-{sent_at:%Y%m%d}{rng.randrange(10**6):06d}",
            sent_at=sent_at,
            place=compound,
            category=category,
            text=text,
            caller_phone=f"+86139{rng.randrange(10**8):08d}",
            urgent=n == 0,
            response_due=sent_at + timedelta(days=1),
            resolve_due=sent_at + timedelta(days=5),
            address=compound.name,
        )
        city_order_receive(values=values)
        entered += 1
    return entered
