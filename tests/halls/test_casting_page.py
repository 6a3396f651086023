"""The ballot posted from a vote's page: the vote is read by a kept statement and the permission asked
of it, a missing or forbidden vote is not found alike, and the post takes a fixed number of queries."""

from django.urls import reverse

from apps.halls.models import Ballot, Vote
from apps.halls.votes.selectors import vote_to_cast_on

CAST_FROM_THE_PAGE = 4  # the person, the vote, their roles, the ballot's statement; the session is cached


def test_the_vote_to_cast_on_is_its_row_as_the_orm_reads_it_with_its_halls_place(open_vote):
    vote = open_vote()
    expected = Vote.objects.select_related("hall__place").get(pk=vote.pk)
    found = vote_to_cast_on(vote.pk)
    fields = [field.attname for field in Vote._meta.concrete_fields]
    assert [getattr(found, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert found.hall.place.path == expected.hall.place.path and found.hall.place_id == expected.hall.place_id


def test_no_vote_is_read_for_an_id_no_row_can_hold(open_vote):
    vote = open_vote()
    assert [vote_to_cast_on(pk) for pk in (0, -1, vote.pk + 1, 2**63)] == [None] * 4


def test_a_post_to_a_vote_id_beyond_a_bigint_is_not_found(client, residents):
    client.force_login(residents[0])
    assert client.post(f"/halls/votes/{2**64}/cast/", {"choice": "1"}).status_code == 404


def test_a_ballot_cast_from_the_page_takes_four_queries_and_answers_the_redirect(
    client, open_vote, residents, django_assert_num_queries
):
    vote = open_vote()
    client.force_login(residents[0])
    with django_assert_num_queries(CAST_FROM_THE_PAGE):
        answer = client.post(reverse("halls:vote_cast", args=[vote.pk]), {"choice": "1"})
    assert answer.status_code == 302 and answer["Location"] == reverse("halls:vote", args=[vote.pk])
    assert Ballot.objects.get().choices == [1]
