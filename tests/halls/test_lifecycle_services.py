"""The services of topics, meetings and votes move them only as their tables allow: a step from
the wrong state is refused with the table's message and changes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import StaffAction
from apps.halls.meetings.services import meeting_cancel, meeting_close, meeting_open
from apps.halls.models import Meeting, Topic, Vote
from apps.halls.topics.services import topic_advance, topic_decline, topic_merge, topic_raise
from apps.halls.votes.services import vote_close, vote_open


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种绿植", body="楼前绿地枯死一片")


def test_a_declined_topic_cannot_be_declined_or_merged_again(world, hall, topic, residents):
    other = topic_raise(hall=hall, user=residents[1], title="修车棚", body="车棚漏雨")
    topic_decline(topic=topic, actor=world.staff_a1, reason="重复")
    with pytest.raises(ValidationError, match="Only an open topic can be declined"):
        topic_decline(topic=topic, actor=world.staff_a1, reason="再次")
    with pytest.raises(ValidationError, match="Only an open topic can be merged"):
        topic_merge(topic=topic, into=other, actor=world.staff_a1)
    assert Topic.objects.get(pk=topic.pk).reason == "重复"


def test_a_topic_moves_only_as_its_procedure_allows_and_by_its_moderators(world, topic, residents):
    with pytest.raises(PermissionDenied):
        topic_advance(topic=topic, actor=residents[0], to="proposal")
    topic_advance(topic=topic, actor=world.staff_a1, to="proposal")
    with pytest.raises(ValidationError, match="no step may be skipped"):
        topic_advance(topic=topic, actor=world.staff_a1, to="review")
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.status == "proposal" and topic.agenda_at is not None
    steps = StaffAction.objects.filter(action__startswith="halls.step:").values_list("action", flat=True)
    assert list(steps) == ["halls.step:proposal"]


def test_a_meeting_opens_closes_and_cancels_only_from_the_states_its_table_allows(world, meeting):
    scheduled = meeting()
    with pytest.raises(ValidationError, match="Only a meeting in session can be closed"):
        meeting_close(meeting=scheduled, by=world.staff_a1)
    meeting_open(meeting=scheduled, by=world.staff_a1)
    with pytest.raises(ValidationError, match="Only a scheduled meeting can be opened"):
        meeting_open(meeting=scheduled, by=world.staff_a1)
    closed = meeting_close(meeting=scheduled, by=world.staff_a1)
    assert (closed.status, closed.opened_at is not None, closed.closed_at is not None) == (
        "closed",
        True,
        True,
    )
    with pytest.raises(ValidationError, match="a closed meeting cannot be cancelled"):
        meeting_cancel(meeting=closed, by=world.staff_a1, reason="下雨")
    with pytest.raises(PermissionDenied, match="Only the staff who run this meeting may cancel it"):
        meeting_cancel(meeting=meeting(), by=world.staff_b1, reason="下雨")
    assert Meeting.objects.get(pk=closed.pk).status == "closed"


def test_a_vote_opens_once_and_closes_only_once_opened_and_due(world, open_vote, residents):
    draft = open_vote(opened=False)
    with (
        pytest.raises(ValidationError, match="This vote was never opened"),
        time_machine.travel(draft.closes_at + timedelta(minutes=1)),
    ):
        vote_close(vote=draft, by=world.staff_a1)
    vote = vote_open(vote=draft, by=world.staff_a1)
    with pytest.raises(ValidationError, match="This vote has already been opened"):
        vote_open(vote=vote, by=world.staff_a1)
    with pytest.raises(ValidationError, match="This vote closes at its closing time"):
        vote_close(vote=vote, by=world.staff_a1)
    with time_machine.travel(vote.closes_at + timedelta(minutes=1)):
        with pytest.raises(PermissionDenied):
            vote_close(vote=vote, by=world.staff_b1)
        result = vote_close(vote=vote, by=world.staff_a1)
        assert vote_close(vote=vote).pk == result.pk
    assert Vote.objects.get(pk=vote.pk).status == "closed"
