"""A vote's electorate follows the matter: a topic raised from a report about one compound is put to
that compound's households, unless staff choose a wider scope when they create the vote."""

from datetime import timedelta

from django.utils import timezone

from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import vote_create
from apps.reports.services import report_submit


def _vote(hall, world, topic, **fields):
    now = timezone.now()
    return vote_create(
        hall=hall,
        by=world.staff_a1,
        title="表决",
        rule="household",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        topic=topic,
        **fields,
    )


def test_a_topic_from_a_report_about_a_compound_is_voted_by_that_compound(hall, world, categories):
    report = report_submit(
        place=world.households(world.community_a1)[0],
        category=categories["lamp"],
        description="灯坏了",
        source="qr",
    )
    topic = topic_raise(hall=hall, user=world.staff_a1, title="修灯", body="…", report=report)
    assert _vote(hall, world, topic).scope == world.compound(world.community_a1)


def test_staff_may_widen_the_vote_to_the_whole_hall(hall, world, categories):
    report = report_submit(
        place=world.households(world.community_a1)[0],
        category=categories["lamp"],
        description="灯坏了",
        source="qr",
    )
    topic = topic_raise(hall=hall, user=world.staff_a1, title="修灯", body="…", report=report)
    assert _vote(hall, world, topic, scope=hall.place).scope == hall.place


def test_a_topic_about_no_place_in_particular_is_voted_by_the_whole_hall(hall, world, residents):
    topic = topic_raise(hall=hall, user=residents[0], title="社区议题", body="…")
    assert _vote(hall, world, topic).scope == hall.place
