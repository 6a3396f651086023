"""Comments with one level of replies, readers' reports, staff hiding with a trace, edit and delete."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import StaffAction
from apps.halls.models import Comment, Follow
from apps.halls.topics.discussion import (
    comment_delete,
    comment_edit,
    comment_flag,
    comment_hide,
    comment_post,
    comment_restore,
)
from apps.halls.topics.services import topic_raise
from tests.factories import UserFactory

from .conftest import resident_of


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="单元门改造", body="58个单元门坏了")


@pytest.fixture
def comment(topic, residents):
    return comment_post(topic=topic, author=residents[1], body="赞成，先修3号楼")


def test_a_member_comments_and_then_follows_the_topic(topic, comment, residents):
    assert comment.parent is None
    assert Follow.objects.filter(topic=topic, user=residents[1]).exists()
    topic.refresh_from_db()
    assert topic.comments == 1


def test_a_reply_to_a_reply_joins_the_first_levels_thread(topic, comment, residents):
    reply = comment_post(topic=topic, author=residents[0], body="同意", parent=comment)
    deeper = comment_post(topic=topic, author=residents[1], body="谢谢", parent=reply)
    assert reply.parent == comment and deeper.parent == comment


def test_someone_of_another_community_cannot_comment(world, topic):
    with pytest.raises(PermissionDenied):
        comment_post(topic=topic, author=world.outsider, body="路过")


def test_three_reports_hide_a_comment_pending_review(world, comment, residents):
    readers = [residents[0], resident_of(world.households(world.community_a1)[0], "邻居甲"), world.staff_a1]
    comment_flag(comment=comment, user=readers[0])
    comment_flag(comment=comment, user=readers[1])
    assert comment.state == Comment.State.VISIBLE
    comment_flag(comment=comment, user=readers[2])
    assert comment.state == Comment.State.PENDING


def test_a_reader_reports_a_comment_only_once(comment, residents):
    comment_flag(comment=comment, user=residents[0])
    with pytest.raises(ValidationError, match="already reported"):
        comment_flag(comment=comment, user=residents[0])


def test_staff_restore_a_comment_hidden_by_reports(world, comment, residents):
    Comment.objects.filter(pk=comment.pk).update(state=Comment.State.PENDING, flags=3)
    comment_restore(comment=comment, by=world.staff_a1)
    assert comment.state == Comment.State.VISIBLE


def test_staff_hide_a_comment_with_a_reason_that_stays_as_a_trace(world, comment):
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, by=world.staff_a1, reason="")
    comment_hide(comment=comment, by=world.staff_a1, reason="含人身攻击")
    comment.refresh_from_db()
    assert (comment.state, comment.hidden_reason) == (Comment.State.HIDDEN, "含人身攻击")
    assert StaffAction.objects.filter(
        action="halls.hide_comment", object_id=comment.pk, actor=world.staff_a1
    ).exists()


def test_staff_of_another_community_cannot_hide_it(world, comment):
    with pytest.raises(PermissionDenied):
        comment_hide(comment=comment, by=world.staff_b1, reason="越权")


def test_the_author_edits_within_the_window_only(hall, comment, residents):
    comment_edit(comment=comment, author=residents[1], body="赞成，先修3号楼和5号楼")
    later = timezone.now() + timedelta(minutes=hall.edit_minutes + 1)
    with time_machine.travel(later), pytest.raises(ValidationError, match="within"):
        comment_edit(comment=comment, author=residents[1], body="改主意了")


def test_only_the_author_edits_or_deletes(comment, residents):
    with pytest.raises(PermissionDenied):
        comment_edit(comment=comment, author=residents[0], body="冒充")
    with pytest.raises(PermissionDenied):
        comment_delete(comment=comment, author=residents[0])
    comment_delete(comment=comment, author=residents[1])
    assert comment.state == Comment.State.DELETED and comment.body == ""


def test_an_author_cannot_report_their_own_comment(comment, residents):
    with pytest.raises(PermissionDenied):
        comment_flag(comment=comment, user=residents[1])


def test_someone_outside_the_hall_cannot_report(comment):
    with pytest.raises(PermissionDenied):
        comment_flag(comment=comment, user=UserFactory())
