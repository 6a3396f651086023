"""Every service that changes what the hall home or the topic page shows replaces the hall's version
once it commits: the change shows on the next visit, though the pages were kept just before."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.halls import services as halls
from apps.halls.meetings import services as meetings
from apps.halls.models import Hall, Meeting
from apps.halls.resolutions import implementation
from apps.halls.resolutions import services as publication
from apps.halls.topics import discussion
from apps.halls.topics import services as topics
from apps.halls.votes import services as votes

from .conftest import resident_of


@pytest.fixture(autouse=True)
def _pages_in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def topic(hall, residents):
    return topics.topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")


def hall_home(hall):
    return reverse("halls:hall", args=[hall.pk])


def page(topic):
    return reverse("halls:topic", args=[topic.pk])


def done_task(world, topic):
    task = implementation.task_create(
        topic=topic, by=world.staff_a1, title="补种", unit="绿化队", due_on=timezone.localdate()
    )
    implementation.task_report(task=task, by=world.staff_a1, progress=100, note="完成")
    return task


def _comment(w):
    return discussion.comment_post(topic=w.topic, author=w.residents[0], body="原来的意见")


# Each case: what it needs made first (before the pages are kept), the change, the page and what it
# then shows (or no longer shows, when the text starts with "-").
CASES = {
    "comment_post": (
        None,
        lambda w, _: discussion.comment_post(topic=w.topic, author=w.residents[0], body="新的意见"),
        lambda w: page(w.topic),
        "新的意见",
    ),
    "comment_edit": (
        _comment,
        lambda w, c: discussion.comment_edit(comment=c, author=w.residents[0], body="改过的意见"),
        lambda w: page(w.topic),
        "改过的意见",
    ),
    "comment_delete": (
        _comment,
        lambda w, c: discussion.comment_delete(comment=c, author=w.residents[0]),
        lambda w: page(w.topic),
        "Deleted by its author.",
    ),
    "comment_hide": (
        _comment,
        lambda w, c: discussion.comment_hide(comment=c, by=w.world.staff_a1, reason="广告"),
        lambda w: page(w.topic),
        "Hidden by staff: 广告",
    ),
    "comment_restore": (
        lambda w: discussion.comment_hide(comment=_comment(w), by=w.world.staff_a1, reason="广告"),
        lambda w, c: discussion.comment_restore(comment=c, by=w.world.staff_a1),
        lambda w: page(w.topic),
        "原来的意见",
    ),
    "topic_raise": (
        None,
        lambda w, _: topics.topic_raise(hall=w.hall, user=w.residents[1], title="修单元门", body="门坏了"),
        lambda w: hall_home(w.hall),
        "修单元门",
    ),
    "topic_edit": (
        None,
        lambda w, _: topics.topic_edit(topic=_retitled(w.topic), by=w.world.staff_a1),
        lambda w: page(w.topic),
        "更正的标题",
    ),
    "topic_decline": (
        None,
        lambda w, _: topics.topic_decline(topic=w.topic, actor=w.world.staff_a1, reason="不属本厅"),
        lambda w: page(w.topic),
        "不属本厅",
    ),
    "topic_merge": (
        lambda w: topics.topic_raise(hall=w.hall, user=w.residents[1], title="同一件事", body="…"),
        lambda w, into: topics.topic_merge(topic=w.topic, into=into, actor=w.world.staff_a1),
        lambda w: page(w.topic),
        "Merged into",
    ),
    "hall_change": (
        None,
        lambda w, _: halls.hall_change(hall=_renamed(w.hall), by=w.world.staff_a1),
        lambda w: hall_home(w.hall),
        "新名字议事厅",
    ),
    "meeting_schedule": (
        None,
        lambda w, _: meetings.meeting_schedule(meeting=_meeting(w.hall), by=w.world.staff_a1),
        lambda w: hall_home(w.hall),
        "居民议事会",
    ),
    "meeting_update": (
        lambda w: meetings.meeting_schedule(meeting=_meeting(w.hall), by=w.world.staff_a1),
        lambda w, m: meetings.meeting_update(meeting=_moved(m), by=w.world.staff_a1),
        lambda w: hall_home(w.hall),
        "三楼会议室",
    ),
    "meeting_cancel": (
        lambda w: meetings.meeting_schedule(meeting=_meeting(w.hall), by=w.world.staff_a1),
        lambda w, m: meetings.meeting_cancel(meeting=m, by=w.world.staff_a1, reason="改期"),
        lambda w: hall_home(w.hall),
        "-居民议事会",
    ),
    "vote_open": (
        lambda w: _vote(w),
        lambda w, v: votes.vote_open(vote=v, by=w.world.staff_a1),
        lambda w: hall_home(w.hall),
        "要不要换门",
    ),
}

# Cases on a resolution under public notice (the `published` topic).
RESOLUTION_CASES = {
    "task_create": (
        None,
        lambda w, _: implementation.task_create(
            topic=w.topic, by=w.world.staff_a1, title="修喷灌", unit="物业", due_on=timezone.localdate()
        ),
        "修喷灌",
    ),
    "task_change": (
        lambda w: implementation.task_create(
            topic=w.topic, by=w.world.staff_a1, title="修喷灌", unit="物业", due_on=timezone.localdate()
        ),
        lambda w, t: implementation.task_change(task=t, by=w.world.staff_a1, reason="换人", unit="绿化二队"),
        "绿化二队",
    ),
    "task_report": (
        lambda w: implementation.task_create(
            topic=w.topic, by=w.world.staff_a1, title="修喷灌", unit="物业", due_on=timezone.localdate()
        ),
        lambda w, t: implementation.task_report(task=t, by=w.world.staff_a1, progress=40, note="装了一半"),
        "装了一半",
    ),
    "task_rate": (
        lambda w: done_task(w.world, w.topic),
        lambda w, t: implementation.task_rate(task=t, user=w.residents[0], satisfaction="satisfied"),
        "1 of 1 rating satisfied",
    ),
    "objection_file": (
        None,
        lambda w, _: publication.objection_file(topic=w.topic, author=w.residents[0], body="方案不公平"),
        "方案不公平",
    ),
    "objection_answer": (
        lambda w: publication.objection_file(topic=w.topic, author=w.residents[0], body="方案不公平"),
        lambda w, o: publication.objection_answer(objection=o, by=w.world.staff_a1, answer="已按户数调整"),
        "已按户数调整",
    ),
}


def _retitled(topic):
    topic.title = "更正的标题"
    return topic


def _renamed(hall: Hall) -> Hall:
    hall.name = "新名字议事厅"
    return hall


def _meeting(hall) -> Meeting:
    starts = timezone.now() + timedelta(days=2)
    return Meeting(
        hall=hall,
        title="居民议事会",
        venue="社区活动室",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def _moved(meeting: Meeting) -> Meeting:
    meeting.venue = "三楼会议室"
    return meeting


def _vote(w):
    now = timezone.now()
    return votes.vote_create(
        hall=w.hall,
        by=w.world.staff_a1,
        title="要不要换门",
        rule="household",
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )


class Ways:
    def __init__(self, **parts):
        self.__dict__.update(parts)


def shows(client, person, url, expected: str) -> bool:
    client.force_login(person)
    body = client.get(url).content.decode()
    return expected[1:] not in body if expected.startswith("-") else expected in body


def kept_then_changed(client, committed, ways, first, change, url, expected):
    with committed():
        made = first(ways) if first else None
    reader = ways.reader
    was = shows(client, reader, url, expected)
    assert shows(client, reader, url, expected) == was  # kept, and served from the cache
    assert not was
    with committed():
        change(ways, made)
    assert shows(client, reader, url, expected)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("case", CASES)
def test_a_change_through_the_service_shows_on_the_next_visit(
    client, world, hall, topic, residents, committed, case
):
    first, change, url, expected = CASES[case]
    ways = Ways(
        world=world, hall=hall, topic=topic, residents=residents, reader=resident_of(_household(residents[1]))
    )
    kept_then_changed(client, committed, ways, first, change, url(ways), expected)


@pytest.mark.parametrize("case", RESOLUTION_CASES)
def test_a_change_to_a_resolution_through_the_service_shows_on_the_next_visit(
    client, world, hall, published, residents, committed, case
):
    first, change, expected = RESOLUTION_CASES[case]
    ways = Ways(
        world=world,
        hall=hall,
        topic=published,
        residents=residents,
        reader=resident_of(_household(residents[1])),
    )
    kept_then_changed(client, committed, ways, first, change, page(published), expected)


def _household(person):
    return person.role_assignments.get().place
