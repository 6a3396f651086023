"""Topics carried to a resolution, published under public notice, with tasks: shared by the tests
of the public notice, the street's review and the implementation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.halls.models import Result
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.implementation import task_create
from apps.halls.topics.services import topic_advance, topic_raise


def carry_to_resolution(topic, staff, vote):
    for step in (TopicStatus.PROPOSAL, TopicStatus.DELIBERATION, TopicStatus.REVIEW):
        topic_advance(topic=topic, actor=staff, to=step)
    Result.objects.create(
        vote=vote,
        electorate=2,
        electorate_area=0,
        participants=2,
        participating_area=0,
        tallies={},
        approved=True,
    )
    return topic_advance(topic=topic, actor=staff, to=TopicStatus.RESOLUTION)


@pytest.fixture
def resolution(world, hall, residents, open_vote):
    topic = topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")
    return carry_to_resolution(topic, world.staff_a1, open_vote(topic=topic))


@pytest.fixture
def published(world, resolution):
    return topic_advance(topic=resolution, actor=world.staff_a1, to=TopicStatus.RESOLUTION_PUBLIC)


@pytest.fixture
def task(world, published, residents):
    """补种 by the council's resident 甲一住户1, due in ten days."""
    return task_create(
        topic=published,
        by=world.staff_a1,
        title="补种绿植",
        assignee=residents[0],
        unit="中仓绿化队",
        due_on=timezone.localdate() + timedelta(days=10),
    )
