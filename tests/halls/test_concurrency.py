"""Many people of one household casting at the same moment leave exactly one ballot (PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.halls.models import Ballot, RollEntry
from apps.halls.services import hall_for
from apps.halls.votes.services import ballot_cast, vote_create, vote_open
from tests.concurrency import all_at_once

from .conftest import resident_of, secret_ballots_of

THREADS = 12

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def cast_all_at_once(vote, people):
    def cast(person):
        ballot_cast(vote=vote, user=person, choices=[1])
        return "cast"

    return all_at_once(people, cast)


@pytest.fixture
def crowded_household(transactional_db, world):
    household = world.households(world.community_a1)[0]
    return [resident_of(household, f"家人{i}") for i in range(THREADS)]


def vote_for(world, *, secret):
    now = timezone.now()
    vote = vote_create(
        hall=hall_for(world.community_a1),
        by=world.staff_a1,
        title="加装电梯",
        rule="household",
        opens_at=now,
        closes_at=now + timedelta(days=1),
        secret=secret,
    )
    return vote_open(vote=vote, by=world.staff_a1)


def test_concurrent_named_casts_of_one_household_store_exactly_one_ballot(world, crowded_household):
    vote = vote_for(world, secret=False)
    outcomes = cast_all_at_once(vote, crowded_household)
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert outcomes.count("cast") == 1 and outcomes.count("refused") == THREADS - 1


def test_concurrent_secret_casts_of_one_household_store_exactly_one_ballot(world, crowded_household):
    vote = vote_for(world, secret=True)
    outcomes = cast_all_at_once(vote, crowded_household)
    assert RollEntry.objects.filter(vote=vote).count() == 1
    assert secret_ballots_of(vote) == 1
    assert outcomes.count("cast") == 1
