"""公示: objections during a resolution's public notice, answered by staff; the notice closed on schedule."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import StaffAction
from apps.halls.models import Objection
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.services import notices_close, objection_answer, objection_file
from apps.halls.tasks import close_due_notices
from apps.halls.topics.services import topic_advance
from apps.notifications.models import Notification


def after_the_window(topic):
    return time_machine.travel(topic.notice_until + timedelta(minutes=1))


def test_a_resident_objects_while_the_resolution_is_under_public_notice(published, residents):
    objection = objection_file(topic=published, author=residents[1], body="补种的树种不合适")
    assert (objection.topic, objection.body, objection.answered_at) == (published, "补种的树种不合适", None)
    assert StaffAction.objects.filter(action="halls.file_objection", object_id=objection.pk).exists()


def test_an_objection_after_the_window_is_refused_with_the_end_of_the_notice(published, residents):
    with after_the_window(published), pytest.raises(ValidationError, match="public notice ended on"):
        objection_file(topic=published, author=residents[1], body="来晚了")
    assert not Objection.objects.exists()


def test_an_objection_before_the_resolution_is_published_is_refused(resolution, residents):
    with pytest.raises(ValidationError, match="only while a resolution is under public notice"):
        objection_file(topic=resolution, author=residents[1], body="太早了")


def test_an_empty_objection_is_refused(published, residents):
    with pytest.raises(ValidationError, match="Write your objection"):
        objection_file(topic=published, author=residents[1], body="  ")


def test_the_same_objection_sent_twice_is_recorded_once(published, residents):
    key = uuid.uuid4()
    first = objection_file(topic=published, author=residents[1], body="异议", submission_key=key)
    again = objection_file(topic=published, author=residents[1], body="异议", submission_key=key)
    assert first == again and Objection.objects.count() == 1


def test_someone_of_another_community_cannot_object(world, published):
    with pytest.raises(PermissionDenied):
        objection_file(topic=published, author=world.outsider, body="外人异议")
    assert not Objection.objects.exists()


def test_staff_answer_an_objection_once_and_the_answer_is_audited(world, published, residents):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    objection_answer(objection=objection, by=world.staff_a1, answer="已改为本地树种")
    objection.refresh_from_db()
    assert (objection.answer, objection.answered_by) == ("已改为本地树种", world.staff_a1)
    entry = StaffAction.objects.get(action="halls.answer_objection", object_id=objection.pk)
    assert (entry.actor, entry.detail) == (world.staff_a1, "已改为本地树种")
    with pytest.raises(ValidationError, match="already been answered"):
        objection_answer(objection=objection, by=world.staff_a1, answer="再答一次")


def test_the_author_is_told_of_the_answer(world, published, residents, django_capture_on_commit_callbacks):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    with django_capture_on_commit_callbacks(execute=True):
        objection_answer(objection=objection, by=world.staff_a1, answer="已改为本地树种")
    assert Notification.objects.filter(user=residents[1], key__endswith=".answered").exists()


@pytest.mark.parametrize("who", ["staff_a2", "staff_b1", "resident"])
def test_only_staff_of_the_hall_answer(world, published, residents, who):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    person = residents[0] if who == "resident" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        objection_answer(objection=objection, by=person, answer="不归我管")
    objection.refresh_from_db()
    assert objection.answer == ""


def test_the_result_is_published_only_once_every_objection_is_answered(world, published, residents):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    with after_the_window(published):
        with pytest.raises(ValidationError, match="Every objection must be answered"):
            topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)
        objection_answer(objection=objection, by=world.staff_a1, answer="已改为本地树种")
        topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)


def test_the_schedule_closes_a_notice_once_its_window_has_ended(published, residents):
    objection_file(topic=published, author=residents[1], body="异议")
    assert notices_close(timezone.now()) == []
    with after_the_window(published):
        assert close_due_notices.apply().get() == 1
        assert close_due_notices.apply().get() == 0
    published.refresh_from_db()
    assert published.notice_closed_at is not None
    entry = StaffAction.objects.get(action="halls.close_notice", object_id=published.pk)
    assert (entry.actor, entry.detail) == (None, "1")


def test_closing_notices_and_supervising_tasks_are_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"apps.halls.tasks.close_due_notices", "apps.halls.tasks.supervise_task_deadlines"} <= tasks
