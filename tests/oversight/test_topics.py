"""每月一题: the categories most in need of a systematic fix, and the one an official chooses."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from apps.oversight.models import DailyRollup, MonthlyTopic
from apps.oversight.rollups import rollups_rebuild
from apps.oversight.topics import candidates

from .conftest import START, submit_at


def test_a_category_repeated_at_one_place_ranks_above_one_scattered_as_often(world, categories):
    repeated = world.households(world.community_a1)[0]
    for n in range(4):
        submit_at(START + timedelta(hours=n), repeated, categories["lamp"])
    for n, community in enumerate((world.community_a1, world.community_a2) * 2):
        submit_at(START + timedelta(hours=n), world.households(community)[0], categories["noise"])
    with time_machine.travel(START + timedelta(days=1), tick=False):
        rollups_rebuild()
    ranked = candidates(DailyRollup.objects.all(), START.date())
    assert [c.name for c in ranked] == ["楼道灯不亮", "噪音扰民"]
    assert ranked[0].repeat_share == 1


def test_an_official_chooses_the_topic_of_the_month_and_staff_cannot(client, world, categories):
    submit_at(START, world.households(world.community_a1)[0], categories["lamp"])
    month = START.strftime("%Y-%m")
    with time_machine.travel(START + timedelta(days=1), tick=False):
        rollups_rebuild()
        client.force_login(world.staff_a1)
        client.post(reverse("oversight:topics") + f"?month={month}", {"category": categories["lamp"].pk})
        assert not MonthlyTopic.objects.exists()
        client.force_login(world.official_a)
        client.post(reverse("oversight:topics") + f"?month={month}", {"category": categories["lamp"].pk})
    topic = MonthlyTopic.objects.get()
    assert (topic.street, topic.category, topic.month) == (
        world.street_a,
        categories["lamp"],
        START.date().replace(day=1),
    )
