from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from apps.hotline.services import OrderValues, city_order_receive

SENT = timezone.make_aware(datetime(2026, 12, 1, 9, 30))


def values(world, categories, number="12345-0001", **changes) -> OrderValues:
    """An order of 甲1小区's building 1, sent on 1 December, due three days later."""
    fields = {
        "number": number,
        "sent_at": SENT,
        "place": world.compound(world.community_a1),
        "category": categories["noise"],
        "text": "市民来电反映：夜间广场舞噪音扰民",
        "caller_phone": "13812345678",
        "urgent": False,
        "response_due": SENT + timedelta(hours=4),
        "resolve_due": SENT + timedelta(days=3),
        "address": "甲1小区",
        **changes,
    }
    return OrderValues(**fields)


@pytest.fixture
def city_order(world, categories):
    order, _ = city_order_receive(values=values(world, categories), by=world.staff_a1)
    return order
