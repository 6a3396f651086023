"""
Halls of four communities: a person of another community sees and changes nothing of a hall —
through the queryset twins, the predicates, the membership filter and the pages — and every
predicate agrees with its queryset twin.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.access.permissions import PERMISSION_ROLES
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.access.visibility import visible_to
from apps.audit.models import StaffAction
from apps.halls.models import (
    Ballot,
    Comment,
    CommentFlag,
    CoSignature,
    Elector,
    Hall,
    Objection,
    Proxy,
    Result,
    Review,
    RollEntry,
    SecretBallot,
    Topic,
    Vote,
    WaitingBallot,
)
from apps.halls.selectors import halls_of
from apps.halls.services import hall_for
from apps.halls.topics.discussion import comment_flag, comment_post
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import ballot_cast, proxy_grant, vote_close, vote_create, vote_open
from tests.factories import UserFactory
from tests.scoping import assert_twin_agrees, objects_below, world_personas

MODELS = [
    Hall,
    Topic,
    CoSignature,
    Comment,
    CommentFlag,
    Objection,
    Review,
    Vote,
    Elector,
    Ballot,
    RollEntry,
    SecretBallot,
    WaitingBallot,
    Proxy,
    Result,
    StaffAction,
]


def communities(world):
    return [world.community_a1, world.community_a2, world.community_b1, world.community_b2]


@pytest.fixture
def halls(world):
    """In each community: a topic co-signed (by its proposer's household) and discussed, a comment
    reported, an objection, a review, a named vote closed with its result, a secret vote with a
    ballot and a proxy."""
    made = {}
    now = timezone.now()
    staff = {
        world.community_a1.pk: world.staff_a1,
        world.community_a2.pk: world.staff_a2,
        world.community_b1.pk: world.staff_b1,
    }
    for community in communities(world):
        clerk = staff.get(community.pk) or UserFactory()
        if community.pk not in staff:
            role_grant(user=clerk, role=Role.COMMUNITY_STAFF, place=community)
        voters = []
        for household in world.households(community):
            person = UserFactory()
            role_grant(user=person, role=Role.RESIDENT, place=household)
            voters.append(person)
        hall = hall_for(community)
        topic = topic_raise(hall=hall, user=voters[0], title=f"{community.name}议题", body="…")
        comment = comment_post(topic=topic, author=voters[0], body="意见")
        comment_flag(comment=comment, user=voters[1])
        Objection.objects.create(topic=topic, author=voters[1], body="异议")
        Review.objects.create(topic=topic, reviewer=clerk, decision="filed")
        named = vote_create(
            hall=hall,
            by=clerk,
            title="方案",
            rule="owners",
            opens_at=now,
            closes_at=now + timedelta(days=1),
            topic=topic,
        )
        vote_open(vote=named, by=clerk)
        ballot_cast(vote=named, user=voters[0], choices=[1])
        with time_machine.travel(now + timedelta(days=1, minutes=1)):
            vote_close(vote=named, by=clerk)
        secret = vote_create(
            hall=hall,
            by=clerk,
            title="密票",
            rule="household",
            opens_at=now,
            closes_at=now + timedelta(days=1),
            secret=True,
        )
        vote_open(vote=secret, by=clerk)
        ballot_cast(vote=secret, user=voters[0], choices=[1])
        letter = SimpleUploadedFile("l.pdf", b"%PDF", content_type="application/pdf")
        proxy_grant(
            vote=secret,
            elector=Elector.objects.filter(vote=secret).last(),
            holder=voters[0],
            letter=letter,
            by=clerk,
        )
        made[community.pk] = hall
    return made


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree_on_every_object(world, halls, participants, model):
    assert_twin_agrees(model, world_personas(world) + participants.people())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_nothing_of_other_communities(world, halls, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    own = {obj.pk for obj in objects_below(model, world.community_a1)}
    assert (own and own <= visible) or model in (
        Ballot,
        SecretBallot,
        WaitingBallot,
        Result,
        RollEntry,
        Proxy,
        Elector,
    )
    for other in (world.community_a2, world.community_b1, world.community_b2):
        assert not visible & {obj.pk for obj in objects_below(model, other)}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_may_change_nothing_of_other_communities(world, halls, model):
    perms = [p for p in PERMISSION_ROLES if p.startswith("halls.") and not p.startswith("halls.view_")]
    for other in (world.community_a2, world.community_b1):
        for obj in objects_below(model, other):
            for perm in perms:
                assert not world.staff_a1.has_perm(perm, obj), (perm, obj)


def test_a_resident_belongs_to_their_own_communitys_hall_only(world, halls):
    assert list(halls_of(world.outsider)) == [halls[world.community_b2.pk]]


def test_street_officials_belong_to_the_halls_of_their_street(world, halls):
    assert set(halls_of(world.official_a)) == {halls[world.community_a1.pk], halls[world.community_a2.pk]}


def test_ballots_and_results_are_visible_to_staff_only_once_the_vote_has_closed(world, halls):
    own_votes = Vote.objects.filter(hall=halls[world.community_a1.pk])
    visible = visible_to(world.staff_a1, Ballot.objects.all())
    assert {b.vote.status for b in visible} == {"closed"}
    assert not visible_to(world.staff_a1, SecretBallot.objects.filter(vote__in=own_votes)).exists()
    waiting = WaitingBallot.objects.filter(vote__in=own_votes)
    assert waiting.exists() and not visible_to(world.staff_a1, waiting).exists()
    assert visible_to(world.staff_a1, Result.objects.filter(vote__in=own_votes)).count() == 1


@pytest.mark.parametrize("name", ["halls:hall", "halls:topic", "halls:vote"])
def test_pages_of_another_communitys_hall_are_not_found(client, world, halls, name):
    hall = halls[world.community_a1.pk]
    target = {"halls:hall": hall, "halls:topic": hall.topics.first(), "halls:vote": hall.votes.first()}[name]
    from django.urls import reverse

    for person in (world.staff_b1, world.outsider, world.staff_a2):
        client.force_login(person)
        assert client.get(reverse(name, args=[target.pk])).status_code == 404
