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


def test_the_topics_page_costs_the_same_queries_as_topics_and_months_grow(client, world, categories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    chosen = [categories["lamp"], categories["noise"], categories["garbage"], categories["wires"]]
    month = START.date().replace(day=1)
    counts = []
    with time_machine.travel(START + timedelta(days=1), tick=False):
        client.force_login(world.official_a)
        for topics in (1, 8):
            for n in range(MonthlyTopic.objects.count(), topics):
                first = (month - timedelta(days=31 * n)).replace(day=1)
                household = world.households(world.community_a1)[0]
                submit_at(START - timedelta(days=31 * n), household, chosen[n % 4])
                MonthlyTopic.objects.create(street=world.street_a, month=first, category=chosen[n % 4])
            rollups_rebuild()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("oversight:topics"))
            counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(response.context["topics"]) == 8
    followed = dict(response.context["topics"][0][1])
    assert followed[month] == 1


def test_the_counts_of_the_followed_months_come_from_one_query(world, categories, django_assert_num_queries):
    from apps.oversight.topics import monthly_counts

    for n in range(3):
        submit_at(START + timedelta(hours=n), world.households(world.community_a1)[0], categories["lamp"])
    with time_machine.travel(START + timedelta(days=1), tick=False):
        rollups_rebuild()
    month = START.date().replace(day=1)
    previous = (month - timedelta(days=1)).replace(day=1)
    ids = [categories["lamp"].pk, categories["noise"].pk]
    with django_assert_num_queries(1):
        counts = monthly_counts(DailyRollup.objects.all(), ids, [previous, month])
    assert counts == {ids[0]: [(previous, 0), (month, 3)], ids[1]: [(previous, 0), (month, 0)]}
