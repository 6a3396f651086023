"""Hall and organization activity on the dashboard: the person's scope only, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.halls.figures import street_figures
from apps.halls.models import Result, Vote
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from apps.organizations.models import Activity, Organization

from .test_pages import figure


def raise_topics(world, community, count):
    staff = {world.community_a1.pk: world.staff_a1, world.community_a2.pk: world.staff_a2}
    staff = staff.get(community.pk, world.staff_b1)
    for n in range(count):
        topic_raise(hall=hall_for(community), user=staff, title=f"议题{n}", body="请大家商量")


def close_vote(world, community, *, participants, electorate, approved=True):
    now = timezone.now()
    vote = Vote.objects.create(
        hall=hall_for(community),
        title="更换单元门",
        rule="household",
        scope=community,
        status="closed",
        opens_at=now - timedelta(days=8),
        closes_at=now - timedelta(days=1),
        closed_at=now - timedelta(days=1),
        created_by=world.official_a,
    )
    Result.objects.create(
        vote=vote,
        electorate=electorate,
        electorate_area=0,
        participants=participants,
        participating_area=0,
        tallies={},
        approved=approved,
    )


def hold_activities(community, count, *, name):
    team = Organization.objects.create(name=name, place=community, category="service", status="active")
    for n in range(count):
        starts_at = timezone.now() - timedelta(days=2 + n)
        Activity.objects.create(
            organization=team,
            kind="service",
            title=f"楼道清洁{n}",
            venue="社区活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=10,
            people_served=5,
        )


@pytest.fixture
def activity(world):
    raise_topics(world, world.community_a1, 2)
    raise_topics(world, world.community_a2, 1)
    raise_topics(world, world.community_b1, 4)
    close_vote(world, world.community_a1, participants=30, electorate=40)
    close_vote(world, world.community_b1, participants=1, electorate=90, approved=False)
    hold_activities(world.community_a1, 2, name="甲一志愿服务队")
    hold_activities(world.community_b1, 3, name="乙一文体队")


def test_the_halls_figures_count_below_the_places_in_the_period(world, activity):
    today = timezone.localdate()
    figures = street_figures(places=[world.street_a], since=today - timedelta(days=29), until=today)
    assert (figures.halls, figures.topics_raised, figures.topics_open) == (2, 3, 3)
    assert (figures.votes_closed, figures.votes_approved, figures.turnout) == (1, 1, 0.75)
    earlier = street_figures(
        places=[world.street_a], since=today - timedelta(days=90), until=today - timedelta(days=60)
    )
    assert (earlier.topics_raised, earlier.votes_closed) == (0, 0)


def test_the_street_official_sees_the_activity_of_their_street(client, world, activity):
    client.force_login(world.official_a)
    response = client.get(reverse("oversight:dashboard"))
    assert (figure(response, "topics_raised"), figure(response, "votes_closed")) == (3, 1)
    assert (figure(response, "organizations"), figure(response, "activities")) == (1, 2)
    assert "乙一文体队" not in response.content.decode()


def test_community_staff_see_the_activity_of_their_community_only(client, world, activity):
    client.force_login(world.staff_a1)
    response = client.get(reverse("oversight:dashboard"))
    assert (figure(response, "halls"), figure(response, "topics_raised")) == (1, 2)
    assert (figure(response, "organizations"), figure(response, "activities")) == (1, 2)


def test_the_activity_costs_the_same_queries_as_it_grows(client, world):
    client.force_login(world.official_a)
    counts = []
    for round_ in range(2):
        raise_topics(world, world.community_a1, 1 + 10 * round_)
        close_vote(world, world.community_a2, participants=3, electorate=5)
        hold_activities(world.community_a2, 1 + 10 * round_, name=f"甲二队{round_}")
        cache.clear()  # the page keeps its activity for a minute: count what reading it costs
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("oversight:dashboard")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
