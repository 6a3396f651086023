"""The hall's pages: what they show, to whom, and in a number of queries that stays flat."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.halls.models import Ballot, Comment, Topic
from apps.halls.tasks import close_due_votes
from apps.halls.topics.discussion import comment_hide, comment_post
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import ballot_cast

MAX_QUERIES = 8


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")


def grow(hall, residents, topic, n):
    for i in range(n):
        extra = topic_raise(hall=hall, user=residents[i % 2], title=f"议题{i}", body="…")
        comment_post(topic=extra, author=residents[1], body="同意")
        first = comment_post(topic=topic, author=residents[i % 2], body=f"意见{i}")
        comment_post(topic=topic, author=residents[(i + 1) % 2], body=f"回复{i}", parent=first)


def test_the_hall_home_lists_open_topics(client, hall, topic, residents):
    client.force_login(residents[1])
    response = client.get(reverse("halls:hall", args=[hall.pk]))
    assert response.status_code == 200 and "补种枯死绿植" in response.content.decode()


@pytest.mark.parametrize("extra", [2, 20])
def test_the_topic_list_takes_the_same_few_queries_however_many_topics(
    client, hall, topic, residents, extra, django_assert_max_num_queries
):
    grow(hall, residents, topic, extra)
    client.force_login(residents[1])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:hall", args=[hall.pk]))
    assert response.status_code == 200
    assert len(response.context["home"].topics) == min(15, extra + 1)


@pytest.mark.parametrize("extra", [2, 20])
def test_the_topic_page_renders_its_comments_in_the_same_few_queries(
    client, hall, topic, residents, extra, django_assert_max_num_queries
):
    grow(hall, residents, topic, extra)
    client.force_login(residents[1])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:topic", args=[topic.pk]))
    body = response.content.decode()
    assert "意见0" in body and f"回复{extra - 1}" in body


def test_a_hidden_comment_leaves_its_reason_as_a_trace(client, world, topic, residents):
    comment = comment_post(topic=topic, author=residents[1], body="粗话")
    comment_hide(comment=comment, by=world.staff_a1, reason="人身攻击")
    client.force_login(residents[0])
    body = client.get(reverse("halls:topic", args=[topic.pk])).content.decode()
    assert "粗话" not in body and "人身攻击" in body


def test_someone_of_another_community_finds_neither_the_hall_nor_its_topic(client, world, hall, topic):
    client.force_login(world.outsider)
    assert client.get(reverse("halls:hall", args=[hall.pk])).status_code == 404
    assert client.get(reverse("halls:topic", args=[topic.pk])).status_code == 404
    assert client.post(reverse("halls:comment_post", args=[topic.pk]), {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_resident_comments_and_cosigns_from_the_topic_page(client, topic, residents):
    client.force_login(residents[1])
    client.post(reverse("halls:comment_post", args=[topic.pk]), {"body": "支持"})
    client.post(reverse("halls:topic_cosign", args=[topic.pk]))
    topic.refresh_from_db()
    assert (topic.comments, topic.cosignatures) == (1, 2)  # the proposer's household and theirs


def test_the_vote_page_says_as_which_household_one_votes(
    client, open_vote, residents, django_assert_max_num_queries
):
    vote = open_vote()
    client.force_login(residents[0])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:vote", args=[vote.pk]))
    assert "101室" in response.content.decode()


def test_a_ballot_cast_from_the_page_is_recorded_and_a_forged_household_refused(client, open_vote, residents):
    vote = open_vote()
    client.force_login(residents[0])
    other = vote.electors.exclude(voters__user=residents[0]).get()
    client.post(reverse("halls:vote_cast", args=[vote.pk]), {"choice": "2", "elector": other.pk})
    client.post(reverse("halls:vote_cast", args=[vote.pk]), {"choice": "2", "elector": "999999"})
    assert not Ballot.objects.exists()
    client.post(reverse("halls:vote_cast", args=[vote.pk]), {"choice": "1"})
    assert Ballot.objects.get().choices == [1]


def test_no_url_shows_the_tallies_before_the_vote_closes(client, world, open_vote, residents):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    client.force_login(world.staff_a1)
    for url in (
        reverse("halls:vote", args=[vote.pk]) + "?result=1",
        reverse("admin:halls_ballot_changelist"),
        reverse("admin:halls_result_changelist"),
    ):
        response = client.get(url)
        assert response.status_code in (200, 403)
        if response.status_code == 200 and "cl" in response.context:
            assert not list(response.context["cl"].result_list), url
    assert "turnout" not in client.get(reverse("halls:vote", args=[vote.pk])).content.decode().lower()


def test_after_close_the_vote_page_shows_both_tallies_and_the_failed_conditions(client, open_vote, residents):
    vote = open_vote("owners")
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    client.force_login(residents[1])
    with time_machine.travel(vote.closes_at + timedelta(minutes=1)):
        close_due_votes()
        response = client.get(reverse("halls:vote", args=[vote.pk]))
    body = response.content.decode()
    assert "88.50" in body and "183.50" in body
    assert len(response.context["failed"]) == 2


def test_the_vote_page_states_the_rule_and_after_close_says_nothing_of_changing(client, open_vote, residents):
    vote = open_vote("owners")
    client.force_login(residents[1])
    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for words in ("三分之二", "过半数", vote.closes_at.astimezone().strftime("%Y-%m-%d")):
        assert words in page
    with time_machine.travel(vote.closes_at + timedelta(minutes=1)):
        close_due_votes()
        page = client.get(
            reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()
    assert "修改" not in page


def test_my_participation_lists_my_halls_and_open_votes(client, hall, open_vote, residents):
    vote = open_vote()
    client.force_login(residents[0])
    response = client.get(reverse("halls:mine"))
    assert hall in response.context["halls"] and vote in response.context["votes"]


def test_the_topic_page_shows_where_it_stands_in_the_procedure(client, world, topic, residents):
    from apps.halls.topics.services import topic_advance

    topic_advance(topic=topic, actor=world.staff_a1, to="proposal")
    client.force_login(residents[0])
    page = client.get(
        reverse("halls:topic", args=[topic.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    tracker = page[page.index('class="tracker"') : page.index("</ol>")]
    assert (
        tracker.index('class="done"')
        < tracker.index('aria-current="step"')
        < tracker.index('class="to-come"')
    )
    assert "征集联署中" in tracker and tracker.count("<li") == 7


def test_reporting_a_comment_asks_to_confirm_and_says_what_happens_next(client, topic, residents):
    comment_post(topic=topic, author=residents[1], body="意见")
    client.force_login(residents[0])
    page = client.get(
        reverse("halls:topic", args=[topic.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    flag = page[
        page.index('<details class="flag">') : page.index("</details>", page.index('<details class="flag">'))
    ]
    assert "<summary" in flag and "确认举报" in flag and "不会告知作者" in flag


def test_a_title_matching_an_open_topic_is_pointed_to_it_before_it_is_raised(client, hall, topic, residents):
    client.force_login(residents[1])
    url = reverse("halls:topic_new", args=[hall.pk])
    response = client.post(url, {"title": topic.title, "body": "楼前绿地该补种了"})
    assert response.status_code == 200 and response.context["same"] == topic
    assert reverse("halls:topic", args=[topic.pk]) in response.content.decode()
    assert Topic.objects.filter(title=topic.title).count() == 1
    client.post(url, {"title": topic.title, "body": "另一件事", "raise_anyway": "True"})
    assert Topic.objects.filter(title=topic.title).count() == 2


def test_a_declined_topic_shows_no_step_to_come(client, world, topic, residents):
    from apps.halls.topics.services import topic_decline

    topic_decline(topic=topic, actor=world.staff_a1, reason="属于物业日常维修")
    client.force_login(residents[0])
    page = client.get(
        reverse("halls:topic", args=[topic.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    tracker = page[page.index('class="tracker"') : page.index("</ol>")]
    assert 'class="to-come"' not in tracker and tracker.count('class="stopped"') == 6
