"""The topic page composed from kept pieces: a change through a service shows on the next visit
though every piece was kept, each person gets their own variant of a piece and never another's, and
a visit the cache answers asks the database for the person, their roles and the topic's row only."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.halls.procedure import TopicStatus
from apps.halls.resolutions import implementation
from apps.halls.services import hall_for
from apps.halls.topics import discussion
from apps.halls.topics.services import topic_advance, topic_raise
from apps.halls.votes import services as votes

from .conftest import resident_of

WARM_VISITS = 3  # the first keeps the fragments, the second the hall's row and the standing


@pytest.fixture(autouse=True)
def _pages_in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")


def url_of(topic) -> str:
    return reverse("halls:topic", args=[topic.pk])


def page_of(client, person, topic) -> str:
    client.force_login(person)
    response = client.get(url_of(topic))
    assert response.status_code == 200
    return response.content.decode()


def warm(client, person, topic) -> str:
    pages = [page_of(client, person, topic) for _ in range(WARM_VISITS)]
    assert len({_without_tokens(page) for page in pages}) == 1
    return pages[-1]


def _without_tokens(page: str) -> str:
    return re.sub(r'value="[^"]{32,}"', "", page)


@pytest.fixture
def neighbour(residents):
    """Of the second resident's household, with no comment, vote or rating of their own."""
    return resident_of(residents[1].role_assignments.get().place, name="邻居")


def _vote(world, hall, topic, **times):
    now = timezone.now()
    times = {"opens_at": now, "closes_at": now + timedelta(hours=1), **times}
    return votes.vote_create(
        hall=hall, by=world.staff_a1, title="要不要补种", rule="household", topic=topic, **times
    )


def test_a_new_comment_shows_on_the_next_visit(client, neighbour, topic, residents, committed):
    assert "新的意见" not in warm(client, neighbour, topic)
    with committed():
        discussion.comment_post(topic=topic, author=residents[0], body="新的意见")
    assert "新的意见" in page_of(client, neighbour, topic)


def test_a_comment_hidden_by_staff_shows_hidden_on_the_next_visit(
    client, neighbour, world, topic, residents, committed
):
    with committed():
        comment = discussion.comment_post(topic=topic, author=residents[0], body="卖房广告")
    reader = neighbour
    assert "卖房广告" in warm(client, reader, topic)
    with committed():
        discussion.comment_hide(comment=comment, by=world.staff_a1, reason="广告")
    page = page_of(client, reader, topic)
    assert "卖房广告" not in page and "Hidden by staff: 广告" in page


def test_a_vote_opened_shows_on_the_next_visit(client, neighbour, world, hall, topic, residents, committed):
    with committed():
        vote = _vote(world, hall, topic)
    assert '<span class="badge">Not open yet</span>' in warm(client, neighbour, topic)
    with committed():
        votes.vote_open(vote=vote, by=world.staff_a1)
    assert '<span class="badge">Open</span>' in page_of(client, neighbour, topic)


def test_a_vote_closed_shows_on_the_next_visit(
    client, neighbour, world, hall, topic, residents, committed, time_machine
):
    with committed():
        vote = votes.vote_open(vote=_vote(world, hall, topic), by=world.staff_a1)
    time_machine.move_to(vote.closes_at - timedelta(seconds=5))
    assert '<span class="badge">Open</span>' in warm(client, neighbour, topic)
    time_machine.move_to(vote.closes_at + timedelta(seconds=1))
    assert '<span class="badge">Open</span>' in page_of(client, neighbour, topic)  # still kept
    with committed():
        votes.vote_close(vote=vote, by=world.staff_a1)
    assert '<span class="badge">Closed</span>' in page_of(client, neighbour, topic)


def test_a_resolution_published_shows_on_the_next_visit(
    client, neighbour, world, resolution, residents, committed
):
    assert "File my objection" not in warm(client, neighbour, resolution)
    with committed():
        topic_advance(topic=resolution, actor=world.staff_a1, to=TopicStatus.RESOLUTION_PUBLIC)
    page = page_of(client, neighbour, resolution)
    assert "Objections are taken until" in page and "File my objection" in page


def test_a_rating_shows_to_the_rater_on_the_next_visit(client, world, published, residents, committed):
    with committed():
        task = implementation.task_create(
            topic=published, by=world.staff_a1, title="补种", unit="绿化队", due_on=timezone.localdate()
        )
        implementation.task_report(task=task, by=world.staff_a1, progress=100, note="完成")
    assert "Send my rating" in warm(client, residents[0], published)
    with committed():
        implementation.task_rate(task=task, user=residents[0], satisfaction="satisfied")
    page = page_of(client, residents[0], published)
    assert "You have rated this task" in page and "Send my rating" not in page
    assert "Send my rating" in page_of(client, residents[1], published)


def test_following_shows_at_once_to_the_follower_only(client, neighbour, topic, residents, committed):
    warm(client, residents[1], topic)
    warm(client, neighbour, topic)
    with committed():
        discussion.topic_follow(topic=topic, user=residents[1])
    assert "Unfollow" in page_of(client, residents[1], topic)
    assert "Unfollow" not in page_of(client, neighbour, topic)


def test_each_author_gets_the_delete_buttons_of_their_own_comments_in_a_shared_thread(
    client, neighbour, topic, residents, committed
):
    with committed():
        first = discussion.comment_post(topic=topic, author=residents[0], body="第一条")
        reply = discussion.comment_post(topic=topic, author=residents[1], body="回复", parent=first)
    delete_buttons = re.compile(r"/halls/comments/(\d+)/delete/")
    for person, own in ((residents[0], first), (residents[1], reply), (neighbour, None)):
        page = warm(client, person, topic)
        assert {int(pk) for pk in delete_buttons.findall(page)} == ({own.pk} if own else set())


def test_a_residents_page_never_carries_the_staffs_buttons_nor_the_reverse(
    client, neighbour, world, topic, residents
):
    discussion.comment_post(topic=topic, author=residents[0], body="第一条")
    staff_page = warm(client, world.staff_a1, topic)
    resident_page = warm(client, neighbour, topic)
    assert "Reason for hiding" in staff_page and 'form="comment-hide"' in staff_page
    assert "Reason for hiding" not in resident_page and 'form="comment-hide"' not in resident_page
    assert "Reason for hiding" in page_of(client, world.staff_a1, topic)


def test_the_progress_form_of_a_task_shows_to_whoever_reports_on_it_only(client, published, task, residents):
    progress = f"/halls/tasks/{task.pk}/progress/"
    assert progress in warm(client, residents[0], published)
    assert progress not in warm(client, residents[1], published)
    assert progress in page_of(client, residents[0], published)


def test_a_kept_topic_moved_to_another_hall_is_read_from_its_new_hall(client, world, topic, residents):
    warm(client, residents[1], topic)
    topic.hall = hall_for(world.community_b2)
    topic.save()  # by hand: no service tells the old hall
    client.force_login(residents[1])
    assert client.get(url_of(topic)).status_code == 404
    assert page_of(client, world.outsider, topic)


def test_a_visit_the_cache_answers_asks_for_the_person_their_roles_and_the_topics_row(
    client, world, published, residents, django_assert_num_queries
):
    for i in range(10):
        discussion.comment_post(topic=published, author=residents[i % 2], body=f"意见{i}")
    done = implementation.task_create(
        topic=published, by=world.staff_a1, title="补种", unit="绿化队", due_on=timezone.localdate()
    )
    implementation.task_report(task=done, by=world.staff_a1, progress=100, note="完成")
    warm(client, residents[1], published)
    with django_assert_num_queries(3):  # signed in by the warm visits
        assert "意见9" in client.get(url_of(published)).content.decode()
