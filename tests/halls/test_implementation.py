"""A resolution becomes tasks: progress with photos as a timeline, ratings once done."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from apps.access.roles import Role
from apps.core.photos import process_photo
from apps.halls.models import Task, TaskEscalation, TaskRating, TaskUpdate
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.implementation import task_change, task_create, task_rate, task_report
from apps.halls.resolutions.supervision import supervise_tasks
from apps.halls.topics.services import topic_advance, topic_raise
from apps.notifications.models import Notification
from tests.factories import jpeg_bytes, person_with_role

from .conftest import resident_of

IN_TEN_DAYS = timedelta(days=10)


def done(task, by):
    return task_report(task=task, by=by, progress=100, note="全部补种完成")


def test_staff_set_a_task_whose_timeline_starts_with_its_setting(world, task, residents):
    assert (task.status, task.progress, task.assignee) == (Task.Status.PLANNED, 0, residents[0])
    first = task.updates.get()
    assert (first.author, first.progress) == (world.staff_a1, 0) and str(task.due_on) in first.note


def test_the_person_responsible_is_told(world, published, residents, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task_create(
            topic=published,
            by=world.staff_a1,
            title="更换单元门",
            assignee=residents[1],
            due_on=timezone.localdate() + IN_TEN_DAYS,
        )
    assert Notification.objects.filter(user=residents[1], key__contains=".assigned.").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"unit": " "}, "a person or a responsible unit"),
        ({"unit": "绿化队", "due_on": timezone.localdate() - timedelta(days=1)}, "past"),
    ],
)
def test_a_task_names_who_does_it_and_a_deadline_to_come(world, published, fields, message):
    values = {"due_on": timezone.localdate() + IN_TEN_DAYS, **fields}
    with pytest.raises(ValidationError, match=message):
        task_create(topic=published, by=world.staff_a1, title="补种", **values)
    assert not Task.objects.exists()


def test_the_person_responsible_belongs_to_the_hall(world, published):
    with pytest.raises(ValidationError, match="must belong to this hall"):
        task_create(
            topic=published,
            by=world.staff_a1,
            title="补种",
            assignee=world.outsider,
            due_on=timezone.localdate() + IN_TEN_DAYS,
        )


def test_only_a_resolution_becomes_tasks(world, hall, residents):
    topic = topic_raise(hall=hall, user=residents[0], title="新议题", body="…")
    with pytest.raises(ValidationError, match="Only a resolution becomes tasks"):
        task_create(topic=topic, by=world.staff_a1, title="补种", unit="绿化队", due_on=timezone.localdate())


def test_staff_of_another_community_cannot_set_a_task(world, published):
    with pytest.raises(PermissionDenied):
        task_create(
            topic=published, by=world.staff_a2, title="补种", unit="绿化队", due_on=timezone.localdate()
        )


def test_the_person_responsible_reports_progress_with_photos(task, residents):
    photo = process_photo(SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"))
    update = task_report(task=task, by=residents[0], progress=40, note="已补种一半", photos=[photo])
    task.refresh_from_db()
    assert (task.status, task.progress) == (Task.Status.IN_PROGRESS, 40)
    assert default_storage.exists(update.photos[0]["image"]) and default_storage.exists(
        update.photos[0]["thumbnail"]
    )
    assert [u.progress for u in task.updates.all()] == [0, 40]


def test_a_hundred_percent_is_done_and_the_record_closes(task, residents):
    done(task, residents[0])
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.done_at is not None
    with pytest.raises(ValidationError, match="record is closed"):
        task_report(task=task, by=residents[0], progress=90, note="返工")


def test_another_resident_cannot_report_progress(task, residents):
    with pytest.raises(PermissionDenied):
        task_report(task=task, by=residents[1], progress=50, note="我来报")
    assert task.updates.count() == 1


@pytest.mark.parametrize(("progress", "note"), [(101, "超了"), (-1, "负数"), (50, " ")])
def test_a_progress_report_out_of_range_or_without_a_note_is_refused(task, residents, progress, note):
    with pytest.raises(ValidationError):
        task_report(task=task, by=residents[0], progress=progress, note=note)
    assert task.updates.count() == 1


def test_the_same_progress_report_sent_twice_is_recorded_once(task, residents):
    key = uuid.uuid4()
    first = task_report(task=task, by=residents[0], progress=30, note="开工", submission_key=key)
    assert task_report(task=task, by=residents[0], progress=30, note="开工", submission_key=key) == first
    assert task.updates.count() == 2


def test_a_household_rates_a_done_task_once_whoever_of_it_rates(world, task, residents):
    with pytest.raises(ValidationError, match="once it is done"):
        task_rate(task=task, user=residents[1], satisfaction="satisfied")
    done(task, residents[0])
    task_rate(task=task, user=residents[1], satisfaction="satisfied")
    relative = resident_of(world.households(world.community_a1)[1])
    with pytest.raises(ValidationError, match="household has already rated"):
        task_rate(task=task, user=relative, satisfaction="unsatisfied")
    assert TaskRating.objects.count() == 1


def test_one_rating_per_household_is_a_database_constraint(world, task, residents):
    done(task, residents[0])
    household = world.households(world.community_a1)[0]
    TaskRating.objects.create(task=task, user=residents[0], household=household, satisfaction="basic")
    with pytest.raises(IntegrityError):
        TaskRating.objects.create(task=task, user=residents[1], household=household, satisfaction="basic")


def test_a_council_member_without_a_household_rates_once_as_a_person(world, task, residents):
    member = person_with_role(Role.COUNCIL_MEMBER, place=world.community_a1)
    done(task, residents[0])
    task_rate(task=task, user=member, satisfaction="basic")
    with pytest.raises(ValidationError, match="You have already rated"):
        task_rate(task=task, user=member, satisfaction="satisfied")


def test_someone_of_another_community_cannot_rate(world, task, residents):
    done(task, residents[0])
    with pytest.raises(PermissionDenied):
        task_rate(task=task, user=world.outsider, satisfaction="unsatisfied")


def test_a_moved_deadline_is_on_the_timeline_and_starts_its_supervision_afresh(world, task):
    with time_machine.travel(timezone.now() + timedelta(days=12)):
        supervise_tasks(timezone.now())
        task.refresh_from_db()
        assert task.escalation_level == TaskEscalation.Level.COMMUNITY
        task_change(
            task=task, by=world.staff_a1, due_on=timezone.localdate() + timedelta(days=5), reason="苗木缺货"
        )
    task.refresh_from_db()
    assert task.escalation_level == 0
    assert "苗木缺货" in task.updates.last().note


def test_the_result_is_published_once_every_task_is_done(world, published, task, residents):
    with time_machine.travel(published.notice_until + timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="every implementation task is done"):
            topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)
        done(task, residents[0])
        topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)
    assert TaskUpdate.objects.filter(task=task).count() == 2
