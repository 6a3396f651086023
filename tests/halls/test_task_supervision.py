"""督办 of implementation tasks: warned before the deadline, escalated to the community, then the street."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from apps.halls.models import TaskEscalation
from apps.halls.resolutions.implementation import task_report
from apps.halls.resolutions.supervision import supervise_tasks
from apps.halls.tasks import supervise_task_deadlines
from apps.notifications.models import Notification

Level = TaskEscalation.Level


def days_after_the_deadline(task, days):
    return time_machine.travel(
        timezone.now() + timedelta(days=(task.due_on - timezone.localdate()).days + days)
    )


def levels(task):
    return sorted(task.escalations.values_list("level", flat=True))


def test_a_task_on_time_is_left_alone(task):
    assert supervise_tasks(timezone.now()) == []


def test_a_task_is_warned_about_shortly_before_its_deadline(task):
    with days_after_the_deadline(task, -1):
        supervise_tasks(timezone.now())
    assert levels(task) == [Level.WARNING]


def test_an_overdue_task_escalates_to_the_community_then_to_the_street(task):
    with days_after_the_deadline(task, 1):
        supervise_tasks(timezone.now())
        task.refresh_from_db()
        assert (task.escalation_level, task.overdue_days()) == (Level.COMMUNITY, 1)
    with days_after_the_deadline(task, 8):
        supervise_tasks(timezone.now())
        task.refresh_from_db()
        assert (task.escalation_level, task.overdue_days()) == (Level.STREET, 8)
    assert levels(task) == [Level.COMMUNITY, Level.STREET]


def test_a_second_run_escalates_nothing_twice(task):
    with days_after_the_deadline(task, 9):
        first = supervise_tasks(timezone.now())
        second = supervise_tasks(timezone.now())
    assert len(first) == 2 and second == []


def test_one_entry_per_task_deadline_and_level_is_a_database_constraint(task):
    TaskEscalation.objects.create(task=task, due_on=task.due_on, level=Level.COMMUNITY)
    with pytest.raises(IntegrityError):
        TaskEscalation.objects.create(task=task, due_on=task.due_on, level=Level.COMMUNITY)


def test_a_done_task_is_not_escalated(task, residents):
    task_report(task=task, by=residents[0], progress=100, note="完成")
    with days_after_the_deadline(task, 9):
        assert supervise_tasks(timezone.now()) == []


def test_the_scheduled_run_tells_the_community_then_the_street(world, task, residents):
    with days_after_the_deadline(task, 1):
        assert supervise_task_deadlines.apply().get() == 1
    told = set(
        Notification.objects.filter(key__startswith="halls.task-escalation.").values_list("user", flat=True)
    )
    assert told == {world.staff_a1.pk, residents[0].pk}
    with days_after_the_deadline(task, 8):
        assert supervise_task_deadlines.apply().get() == 1
    told = set(
        Notification.objects.filter(key__startswith="halls.task-escalation.").values_list("user", flat=True)
    )
    assert world.official_a.pk in told and world.staff_a2.pk not in told
