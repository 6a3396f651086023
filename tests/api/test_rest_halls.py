"""Halls, topics, comments and votes through the REST API: the halls' own rules of who belongs,
their services for every write, refusals in the one error shape, and no ballot traced to a voter."""

import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.halls.models import Ballot, Comment, CoSignature, RollEntry, SecretBallot, Topic, WaitingBallot
from apps.halls.services import hall_for
from apps.halls.tasks import close_due_votes
from apps.halls.topics.discussion import comment_hide, comment_post
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import vote_create, vote_open
from tests.factories import UserFactory

FOR, AGAINST = 1, 2


def english(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


@pytest.fixture
def hall(world):
    return hall_for(world.community_a1)


@pytest.fixture
def residents(world):
    """A verified resident in each of the two households of community 甲1."""
    people = []
    for number, household in enumerate(world.households(world.community_a1), 1):
        person = UserFactory(display_name=f"甲一住户{number}")
        role_grant(user=person, role=Role.RESIDENT, place=household)
        people.append(person)
    return people


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种枯死的绿植", body="三号楼前的绿植枯死了。")


@pytest.fixture
def open_vote(world, hall, residents):
    def make(rule="household", **fields):
        now = timezone.now()
        vote = vote_create(
            hall=hall,
            by=world.staff_a1,
            title="更换单元门",
            rule=rule,
            opens_at=now,
            closes_at=now + timedelta(days=7),
            **fields,
        )
        return vote_open(vote=vote, by=world.staff_a1)

    return make


@contextmanager
def after_close(vote):
    """Past the vote's closing time, once the schedule has counted it."""
    with time_machine.travel(vote.closes_at + timedelta(minutes=1)):
        close_due_votes()
        yield


# who reaches what


def test_a_member_lists_the_halls_they_belong_to(world, hall, residents):
    halls = english(residents[0]).get("/api/v1/halls/").json()["results"]
    assert [h["id"] for h in halls] == [hall.pk]


def test_halls_list_is_empty_for_a_person_without_a_role_there(world, hall):
    assert english(world.outsider).get("/api/v1/halls/").json()["results"] == []
    assert english(world.staff_b1).get("/api/v1/halls/").json()["results"] == []


def test_staff_of_another_community_see_no_topic_and_no_vote(world, topic, open_vote):
    open_vote()
    stranger = english(world.staff_b1)
    assert stranger.get("/api/v1/topics/").json()["results"] == []
    assert stranger.get("/api/v1/votes/").json()["results"] == []
    own = english(world.staff_a1)
    assert [t["id"] for t in own.get("/api/v1/topics/").json()["results"]] == [topic.pk]
    assert len(own.get("/api/v1/votes/").json()["results"]) == 1


READS = [
    "/api/v1/halls/{hall}/",
    "/api/v1/topics/{topic}/",
    "/api/v1/topics/{topic}/comments/",
    "/api/v1/votes/{vote}/",
    "/api/v1/votes/{vote}/ballot/",
]


@pytest.mark.parametrize("url", READS)
def test_an_object_of_a_hall_one_does_not_belong_to_is_not_found(world, hall, topic, open_vote, url):
    url = url.format(hall=hall.pk, topic=topic.pk, vote=open_vote().pk)
    for stranger in (world.outsider, world.staff_b1):
        response = english(stranger).get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert english(world.staff_a1).get(url).status_code == 200


def test_a_result_of_another_hall_is_not_found_even_after_close(world, open_vote, residents):
    vote = open_vote()
    with after_close(vote):
        assert english(world.staff_b1).get(f"/api/v1/votes/{vote.pk}/result/").status_code == 404
        assert english(residents[0]).get(f"/api/v1/votes/{vote.pk}/result/").status_code == 200


def test_a_missing_topic_and_a_forbidden_one_look_the_same(world, topic):
    stranger = english(world.staff_b1)
    forbidden = stranger.get(f"/api/v1/topics/{topic.pk}/")
    missing = stranger.get("/api/v1/topics/999999/")
    assert (forbidden.status_code, forbidden.json()) == (missing.status_code, missing.json())


def test_acting_in_a_hall_one_does_not_belong_to_changes_nothing(world, hall, topic, open_vote):
    vote = open_vote()
    stranger = english(world.outsider)
    assert stranger.post(f"/api/v1/topics/{topic.pk}/cosign/").status_code == 404
    assert stranger.post(f"/api/v1/topics/{topic.pk}/comments/", {"body": "路过"}).status_code == 404
    assert (
        stranger.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json").status_code
        == 404
    )
    raised = stranger.post("/api/v1/topics/", {"hall": hall.pk, "title": "外人的议题", "body": "……"})
    assert raised.status_code == 400
    assert raised.json()["fields"]["hall"] == ["Choose a hall you belong to."]
    signed = CoSignature.objects.exclude(user=topic.raised_by)  # the proposer's household signed at once
    assert (signed.count(), Comment.objects.count(), Ballot.objects.count()) == (0, 0, 0)
    assert Topic.objects.count() == 1


# topics and discussion


def test_a_verified_resident_raises_a_topic(hall, residents):
    response = english(residents[1]).post(
        "/api/v1/topics/", {"hall": hall.pk, "title": "修缮58个单元门", "body": "单元门坏了。"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "raised" and response.json()["hall"] == hall.pk
    assert Topic.objects.get().raised_by == residents[1]


def test_the_same_submission_key_raises_one_topic(hall, residents):
    client = english(residents[0])
    body = {
        "hall": hall.pk,
        "title": "修缮单元门",
        "body": "单元门坏了。",
        "submission_key": str(uuid.uuid4()),
    }
    first = client.post("/api/v1/topics/", body, format="json")
    second = client.post("/api/v1/topics/", body, format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"] and Topic.objects.count() == 1


def test_a_member_without_a_household_or_a_seat_may_not_raise_a_topic(world, hall):
    response = english(world.property_a1).post(
        "/api/v1/topics/", {"hall": hall.pk, "title": "物业提的", "body": "……"}, format="json"
    )
    assert response.status_code == 403
    assert (
        response.json()["message"] == "Only verified residents, council members and staff raise topics here."
    )
    assert not Topic.objects.exists()


def test_a_topic_without_a_title_is_refused_field_by_field(hall, residents):
    response = english(residents[0]).post("/api/v1/topics/", {"hall": hall.pk, "body": "……"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "fields"} and "title" in response.json()["fields"]


def test_a_household_co_signs_once(topic, residents):
    client = english(residents[1])
    first = client.post(f"/api/v1/topics/{topic.pk}/cosign/")
    assert first.status_code == 201
    assert first.json()["cosignatures"] == 2 and first.json()["cosigned"] is True  # after the proposer's
    again = client.post(f"/api/v1/topics/{topic.pk}/cosign/")
    assert again.status_code == 400
    assert again.json()["message"] == "Your household has already co-signed this topic."
    assert CoSignature.objects.count() == 2


def test_members_discuss_a_topic_and_replies_follow_their_comment(world, topic, residents):
    first = english(residents[1]).post(f"/api/v1/topics/{topic.pk}/comments/", {"body": "同意补种"}).json()
    english(world.staff_a1).post(
        f"/api/v1/topics/{topic.pk}/comments/", {"body": "下周安排", "parent": first["id"]}
    )
    english(residents[0]).post(f"/api/v1/topics/{topic.pk}/comments/", {"body": "最好种月季"})
    thread = english(residents[0]).get(f"/api/v1/topics/{topic.pk}/comments/").json()
    assert [(c["body"], c["parent"]) for c in thread] == [
        ("同意补种", None),
        ("下周安排", first["id"]),
        ("最好种月季", None),
    ]
    assert thread[0]["author"] == "甲一住户2"


def test_a_comment_hidden_by_staff_keeps_its_reason_but_not_its_words(world, topic, residents):
    comment = comment_post(topic=topic, author=residents[1], body="骂人的话")
    comment_hide(comment=comment, by=world.staff_a1, reason="人身攻击")
    [shown] = english(residents[0]).get(f"/api/v1/topics/{topic.pk}/comments/").json()
    assert (shown["state"], shown["body"], shown["author"], shown["hidden_reason"]) == (
        "hidden",
        "",
        "",
        "人身攻击",
    )


def test_a_reply_to_a_comment_of_another_topic_is_refused(hall, topic, residents):
    other = topic_raise(hall=hall, user=residents[1], title="另一个议题", body="……")
    elsewhere = comment_post(topic=other, author=residents[1], body="别处的评论")
    response = english(residents[0]).post(
        f"/api/v1/topics/{topic.pk}/comments/", {"body": "回复", "parent": elsewhere.pk}
    )
    assert response.status_code == 400 and response.json()["fields"]["parent"] == [
        "Answer a comment of this topic."
    ]
    assert Comment.objects.filter(topic=topic).count() == 0


# votes


def test_a_resident_casts_the_ballot_of_their_household(open_vote, residents):
    vote = open_vote()
    response = english(residents[0]).post(
        f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json"
    )
    assert response.status_code == 200
    [mine] = response.json()
    assert (mine["voted"], mine["choices"], mine["by_proxy"]) == (True, [FOR], False)
    assert Ballot.objects.get(vote=vote).cast_by == residents[0]


def test_a_named_ballot_may_be_changed_until_close(open_vote, residents):
    vote = open_vote()
    client = english(residents[0])
    client.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    changed = client.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [AGAINST]}, format="json")
    assert changed.status_code == 200 and changed.json()[0]["choices"] == [AGAINST]
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[AGAINST]]


def test_a_second_member_of_the_household_cannot_vote_again(world, open_vote, residents):
    relative = UserFactory(display_name="同户家人")
    role_grant(user=relative, role=Role.RESIDENT, place=world.households(world.community_a1)[0])
    vote = open_vote()
    english(residents[0]).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    response = english(relative).post(
        f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [AGAINST]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "This household has already voted.",
        "fields": {"non_field_errors": ["This household has already voted."]},
    }
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[FOR]]


def test_a_secret_ballot_is_cast_once(open_vote, residents):
    vote = open_vote(secret=True)
    client = english(residents[0])
    assert (
        client.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json").status_code == 200
    )
    again = client.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [AGAINST]}, format="json")
    assert again.status_code == 400
    assert again.json()["message"] == "You have already voted; a secret ballot cannot be changed."
    assert WaitingBallot.objects.count() + SecretBallot.objects.count() == 1


def test_no_answer_ties_a_secret_ballot_to_its_voter(world, open_vote, residents):
    vote = open_vote(secret=True)
    cast = english(residents[0]).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    assert cast.json() == [
        {
            "elector": cast.json()[0]["elector"],
            "label": cast.json()[0]["label"],
            "by_proxy": False,
            "voted": True,
            "choices": None,
        }
    ]
    waiting_id = str(WaitingBallot.objects.get().pk)
    with after_close(vote):
        answers = [
            english(person).get(url)
            for person in (residents[0], residents[1], world.staff_a1)
            for url in (
                f"/api/v1/votes/{vote.pk}/",
                f"/api/v1/votes/{vote.pk}/ballot/",
                f"/api/v1/votes/{vote.pk}/result/",
                "/api/v1/votes/",
            )
        ]
    assert all(a.status_code == 200 for a in answers)
    ballot_id = str(SecretBallot.objects.get().pk)
    assert not WaitingBallot.objects.exists() and ballot_id != waiting_id
    for answer in [cast, *answers]:
        assert ballot_id.encode() not in answer.content and waiting_id.encode() not in answer.content
        assert b"cast_by" not in answer.content and b"roll" not in answer.content
    assert RollEntry.objects.get().cast_by == residents[0]


def test_a_forged_elector_is_refused(world, open_vote, residents):
    vote = open_vote()
    neighbours = vote.electors.exclude(voters__user=residents[0]).get()
    for forged in (neighbours.pk, 999999):
        response = english(residents[0]).post(
            f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR], "elector": forged}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == "You may not vote for this household."
    assert not Ballot.objects.exists()


def test_a_choice_outside_the_options_is_refused(open_vote, residents):
    vote = open_vote()
    response = english(residents[0]).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [9]}, format="json")
    assert (
        response.status_code == 400 and response.json()["message"] == "Choose among the options of this vote."
    )
    assert not Ballot.objects.exists()


def test_a_person_outside_the_electorate_cannot_vote(world, open_vote):
    vote = open_vote()
    response = english(world.staff_a1).post(
        f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "You are not in the electorate of this vote."


def test_voting_after_close_is_refused_in_the_persons_language(open_vote, residents):
    vote = open_vote()
    with after_close(vote):
        english_answer = english(residents[0]).post(
            f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json"
        )
        chinese = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
        chinese.force_authenticate(residents[1])
        chinese_answer = chinese.post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    assert english_answer.status_code == chinese_answer.status_code == 400
    assert english_answer.json()["message"] == "This vote has closed."
    assert chinese_answer.json()["message"] not in ("", "This vote has closed.")
    assert not Ballot.objects.exists()


def test_the_result_is_refused_before_close(open_vote, residents):
    vote = open_vote()
    english(residents[0]).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    response = english(residents[0]).get(f"/api/v1/votes/{vote.pk}/result/")
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert response.json()["message"].startswith("The result is published when the vote closes")
    detail = english(residents[0]).get(f"/api/v1/votes/{vote.pk}/").json()
    assert "tallies" not in detail and "result" not in detail


def test_the_result_after_close_gives_tallies_and_turnout(open_vote, residents):
    vote = open_vote()
    english(residents[0]).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    with after_close(vote):
        result = english(residents[1]).get(f"/api/v1/votes/{vote.pk}/result/").json()
        detail = english(residents[1]).get(f"/api/v1/votes/{vote.pk}/").json()
    assert (result["electorate"], result["participants"], result["approved"]) == (2, 1, False)
    assert [(t["label"], t["count"]) for t in result["tallies"]] == [
        ("For", 1),
        ("Against", 0),
        ("Abstain", 0),
    ]
    assert [f["code"] for f in result["failed"]] == ["quorum"]
    assert detail["status"] == "closed"


def test_the_owners_rule_counts_floor_areas(open_vote, residents):
    vote = open_vote("owners")
    for person in residents:
        english(person).post(f"/api/v1/votes/{vote.pk}/ballot/", {"choices": [FOR]}, format="json")
    with after_close(vote):
        result = english(residents[0]).get(f"/api/v1/votes/{vote.pk}/result/").json()
    assert (result["electorate_area"], result["participating_area"], result["approved"]) == (
        "183.50",
        "183.50",
        True,
    )
    assert result["tallies"][0]["area"] == "183.50" and result["failed"] == []


# query counts


def test_listing_topics_and_votes_costs_the_same_queries_as_they_grow(
    world, hall, residents, open_vote, django_assert_max_num_queries
):
    client = english(residents[0])
    topic_raise(hall=hall, user=residents[0], title="议题0", body="……")
    open_vote()
    counts = {}
    for url in ("/api/v1/halls/", "/api/v1/topics/", "/api/v1/votes/"):
        with django_assert_max_num_queries(8) as captured:
            client.get(url)
        counts[url] = len(captured)
    for n in range(1, 12):
        topic_raise(hall=hall, user=residents[n % 2], title=f"议题{n}", body="……")
        open_vote(kind="single", choices=["月季", "冬青", "黄杨"])
    for url, before in counts.items():
        with django_assert_max_num_queries(before):
            client.get(url)
    assert len(client.get("/api/v1/votes/").json()["results"]) == 12
