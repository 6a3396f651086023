import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.oversight.rollups import rollups_rebuild
from apps.reports.services import report_submit, report_transition

SHANGHAI = ZoneInfo("Asia/Shanghai")
_SOON = datetime.now(SHANGHAI).date() + timedelta(days=14)
# A Monday ahead of today: the world's roles, granted now, hold when the tests travel there.
START = datetime.combine(_SOON - timedelta(days=_SOON.weekday()), time(9), tzinfo=SHANGHAI)


def submit(place, category, *, description="楼道里有问题", source="qr"):
    return report_submit(place=place, category=category, description=description, source=source)


def submit_at(moment, place, category, *, source="qr"):
    with time_machine.travel(moment, tick=False):
        return submit(place, category, source=source)


# The channels of the history's reports, in turn: the rollups count each apart.
CHANNELS = ("qr", "hotline", "web", "qr", "api")


# What a random step may do to a report in each state, as (action, extra arguments).
STEPS = {
    "dispatched": [("accept", {}), ("reject", {"note": "不属实"}), ("return", {"note": "派错了"})],
    "returned": [("dispatch", {})],
    "reopened": [("dispatch", {})],
    "accepted": [("start", {}), ("resolve", {"note": "已修好"})],
    "in_progress": [("resolve", {"note": "已修好"})],
    "resolved": [
        ("rate", {"satisfaction": "satisfied", "solved": True}),
        ("rate", {"satisfaction": "basic", "solved": True}),
        ("rate", {"satisfaction": "unsatisfied", "solved": False}),
        ("review", {}),
        ("close", {}),
        ("visit", {"satisfaction": "satisfied", "solved": True, "channel": "phone"}),
        ("visit", {"satisfaction": "unsatisfied", "solved": True, "channel": "in_person"}),
    ],
    "reviewed": [
        ("rate", {"satisfaction": "satisfied", "solved": True}),
        ("visit", {"satisfaction": "basic", "solved": False, "channel": "phone"}),
        ("close", {}),
    ],
    "rated": [("close", {})],
}


def random_step(report, rng: random.Random) -> bool:
    options = STEPS.get(report.status)
    if not options:
        return False
    action, extra = rng.choice(options)
    report_transition(report=report, action=action, system=True, **extra)
    return True


@pytest.fixture
def history(world, categories):
    """Forty reports over three weeks in the four communities, from several channels, handled at random."""
    rng = random.Random(7)
    places = [world.households(c)[0] for c in (world.community_a1, world.community_a2, world.community_b1)]
    places.append(world.community_b2)
    reports = []
    for n in range(40):
        moment = START + timedelta(hours=13 * n)
        place, category = rng.choice(places), rng.choice(list(categories.values()))
        reports.append(submit_at(moment, place, category, source=CHANNELS[n % len(CHANNELS)]))
    with time_machine.travel(START + timedelta(days=22), tick=False):
        for report in reports:
            for _ in range(rng.randrange(4)):
                report.refresh_from_db()
                if not random_step(report, rng):
                    break
        rollups_rebuild()
    return rng, reports
