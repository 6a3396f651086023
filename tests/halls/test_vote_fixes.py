"""Votes: a forged or malformed elector is refused with a message, casting takes few queries, the
admin keeps a vote's options in step with its kind, and the result is shaped by a selector."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.halls.models import Ballot, Option, Vote
from apps.halls.votes.selectors import eligibility, vote_result
from apps.halls.votes.services import ballot_cast

CAST_QUERIES = 4  # who may cast for whom, the options, the vote's state under lock, the ballot itself
NAMED_CAST = 1  # a named ballot: all four in one statement


def test_a_malformed_elector_is_refused_with_a_message_not_an_error(client, open_vote, residents):
    vote = open_vote()
    client.force_login(residents[0])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        reverse("halls:vote_cast", args=[vote.pk]), {"choice": "1", "elector": "abc"}, follow=True
    )
    assert response.status_code == 200 and "You may not vote for this household." in response.content.decode()
    assert not Ballot.objects.exists()


def test_casting_a_secret_ballot_takes_four_queries(open_vote, residents, django_assert_num_queries):
    """Seven before; the savepoint pair is the transaction, which the test's own turns into savepoints."""
    vote = Vote.objects.get(pk=open_vote(secret=True).pk)
    with django_assert_num_queries(CAST_QUERIES - 1 + 2 + 2):  # a secret vote writes roll and ballot
        ballot_cast(vote=vote, user=residents[0], choices=[1])


def test_casting_a_named_ballot_takes_one_statement(open_vote, residents, django_assert_num_queries):
    vote = Vote.objects.get(pk=open_vote().pk)
    with django_assert_num_queries(NAMED_CAST):
        ballot_cast(vote=vote, user=residents[0], choices=[1])
    assert Ballot.objects.get().choices == [1]


def test_changing_a_named_ballot_is_the_same_single_write(open_vote, residents, django_assert_num_queries):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    vote = Vote.objects.prefetch_related("options").get(pk=vote.pk)
    with django_assert_num_queries(NAMED_CAST):
        ballot_cast(vote=vote, user=residents[0], choices=[2])
    ballot = Ballot.objects.get()
    assert ballot.choices == [2] and ballot.changed_at


def test_eligibility_lists_own_electors_first_then_proxies(open_vote, residents):
    vote = open_vote()
    [entry] = eligibility(vote, residents[0])
    assert (entry.by_proxy, entry.voted) == (False, False)


def test_the_result_is_hidden_while_open_and_shaped_with_its_tallies_after_close(open_vote, residents):
    vote = open_vote("owners")
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    assert vote_result(vote) is None
    with time_machine.travel(vote.closes_at + timedelta(minutes=1)):
        from apps.halls.votes.services import vote_close

        vote_close(vote=vote)
        vote = Vote.objects.get(pk=vote.pk)
    outcome = vote_result(vote)
    assert [(o.meaning, t["count"]) for o, t in outcome.tallies] == [
        ("for", 1),
        ("against", 0),
        ("abstain", 0),
    ]
    assert len(outcome.failed) == 2


def admin_vote_form(hall, **fields):
    now = timezone.localtime()
    data = {
        "hall": hall.pk,
        "title": "选择绿植品种",
        "rule": "household",
        "matter": "ordinary",
        "kind": "single",
        "max_choices": 1,
        "scope": hall.place.pk,
        "opens_at_0": (now + timedelta(days=1)).strftime("%Y-%m-%d"),
        "opens_at_1": "09:00:00",
        "closes_at_0": (now + timedelta(days=8)).strftime("%Y-%m-%d"),
        "closes_at_1": "09:00:00",
        "choices": "银杏\n海棠",
    }
    return data | fields


def test_the_admin_makes_a_vote_between_choices_with_its_choices_not_for_and_against(client, world, hall):
    client.force_login(world.staff_a1)
    client.post(reverse("admin:halls_vote_add"), admin_vote_form(hall))
    vote = Vote.objects.get()
    assert list(vote.options.values_list("meaning", "label")) == [("choice", "银杏"), ("choice", "海棠")]


def test_saving_a_vote_in_the_admin_keeps_its_options_unless_they_change(client, world, hall):
    client.force_login(world.staff_a1)
    client.post(reverse("admin:halls_vote_add"), admin_vote_form(hall))
    vote = Vote.objects.get()
    before = list(vote.options.values_list("pk", flat=True))
    url = reverse("admin:halls_vote_change", args=[vote.pk])
    client.post(url, admin_vote_form(hall, title="选择绿植品种（修订）"))
    assert list(vote.options.values_list("pk", flat=True)) == before
    client.post(url, admin_vote_form(hall, kind="approval", choices=""))
    assert list(Option.objects.filter(vote=vote).values_list("meaning", flat=True)) == [
        "for",
        "against",
        "abstain",
    ]


def test_the_admin_refuses_a_vote_between_choices_with_fewer_than_two(client, world, hall):
    client.force_login(world.staff_a1)
    response = client.post(reverse("admin:halls_vote_add"), admin_vote_form(hall, choices="银杏"))
    assert response.status_code == 200 and not Vote.objects.exists()
