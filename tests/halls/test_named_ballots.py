"""A named ballot cast in one statement writes exactly when the step-by-step path would cast, and
concurrent posts of one household's residents leave one ballot (on PostgreSQL)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from apps.halls.models import Ballot, Elector
from apps.halls.votes.services import ballot_cast, cast_at_once, cast_step_by_step, proxy_grant, vote_close
from tests.concurrency import all_at_once

from .conftest import resident_of

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def outcome(cast, **arguments) -> bool:
    """Whether `cast` stored a ballot; rolled back either way."""
    with transaction.atomic():
        try:
            stored = cast(**arguments) is not None
        except ValidationError:
            stored = False
        transaction.set_rollback(True)
    return stored


def other_elector(vote, person) -> Elector:
    return Elector.objects.filter(vote=vote).exclude(voters__user=person).first()


CASES = {
    "own household": lambda world, vote, people: (people[0], [1], None),
    "own household, named": lambda world, vote, people: (
        people[0],
        ["2"],
        str(Elector.objects.get(vote=vote, voters__user=people[0]).pk),
    ),
    "not in the electorate": lambda world, vote, people: (world.staff_a1, [1], None),
    "an unknown option": lambda world, vote, people: (people[0], [9], None),
    "two options where one is asked": lambda world, vote, people: (people[0], [1, 2], None),
    "no option": lambda world, vote, people: (people[0], [], None),
    "a malformed option": lambda world, vote, people: (people[0], ["x"], None),
    "another household": lambda world, vote, people: (people[0], [1], other_elector(vote, people[0]).pk),
    "a malformed household": lambda world, vote, people: (people[0], [1], "abc"),
    "a household beyond any id": lambda world, vote, people: (people[0], [1], "9" * 30),
}


@pytest.mark.parametrize("case", CASES)
def test_the_one_statement_casts_exactly_when_the_step_by_step_path_does(world, open_vote, residents, case):
    vote = open_vote()
    user, choices, elector_id = CASES[case](world, vote, residents)
    arguments = {"vote": vote, "user": user, "choices": choices, "elector_id": elector_id}
    assert outcome(cast_at_once, **arguments) == outcome(cast_step_by_step, **arguments)


def test_they_agree_on_a_proxy_on_another_persons_ballot_and_on_a_change(world, open_vote, residents):
    vote = open_vote()
    given = Elector.objects.get(vote=vote, voters__user=residents[1])
    letter = SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    proxy_grant(vote=vote, elector=given, holder=residents[0], letter=letter, by=world.staff_a1)
    housemate = resident_of(Elector.objects.get(vote=vote, voters__user=residents[0]).household)
    ballot_cast(vote=vote, user=residents[1], choices=[1])  # the household that gave the proxy voted
    cases = [
        {"user": residents[0], "choices": [2], "elector_id": given.pk},  # another person's ballot
        {"user": residents[0], "choices": [2]},  # own household: cast
        {"user": housemate, "choices": [2]},  # not frozen into the electorate
        {"user": residents[1], "choices": [2]},  # a change by the same person
    ]
    both = (cast_at_once, cast_step_by_step)
    found = [tuple(outcome(cast, vote=vote, **c) for cast in both) for c in cases]
    assert found == [(False, False), (True, True), (False, False), (True, True)]


@pytest.mark.parametrize("when", ["draft", "closed by its time", "closed"])
def test_they_agree_that_a_vote_not_open_takes_no_ballot(world, open_vote, residents, when):
    vote = open_vote(opened=when != "draft")
    arguments = {"vote": vote, "user": residents[0], "choices": [1]}
    with time_machine.travel(vote.closes_at + timedelta(minutes=1), tick=False):
        if when == "closed":
            vote_close(vote=vote)
        found = (outcome(cast_at_once, **arguments), outcome(cast_step_by_step, **arguments))
    assert found == (False, False)


THREADS = 12


@on_postgresql
def test_one_household_posting_over_and_over_at_once_stores_one_ballot(transactional_db, world, open_vote):
    """Twelve threads: three residents of one household, each posting four times at once. One of
    them casts; that person's other posts change the same ballot, the others are refused."""
    household = world.households(world.community_a1)[0]
    people = [resident_of(household, f"家人{i}") for i in range(3)]
    vote = open_vote()
    posts = [people[i % 3] for i in range(THREADS)]
    outcomes = all_at_once(posts, lambda person: ballot_cast(vote=vote, user=person, choices=[1]))
    ballot = Ballot.objects.get(vote=vote)
    winner = sum(1 for person in posts if person.pk == ballot.cast_by_id)
    assert winner == THREADS // 3
    assert outcomes.count(ballot.pk) == winner and outcomes.count("refused") == THREADS - winner
