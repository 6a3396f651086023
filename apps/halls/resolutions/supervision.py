"""
督办 of implementation tasks, as reports are supervised (apps/reports/supervision.py): a task not
done is warned about shortly before its deadline, escalated to the community's leaders the day
after it, and to the street when it is still not done a week later. Each (task, deadline, level)
is recorded once, enforced by the database; a moved deadline is supervised afresh.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.notifications.services import notify

from ..models import Task, TaskEscalation
from ..recipients import community_staff_of, street_officials_of

WARN_BEFORE = timedelta(days=2)
TO_STREET_AFTER = timedelta(days=7)
BATCH = 500
Level = TaskEscalation.Level


def due_for(level: int, today: date):
    """Open tasks that have reached `level` for their current deadline and were not yet escalated at it."""
    if level == Level.WARNING:
        window = Q(due_on__gte=today, due_on__lte=today + WARN_BEFORE)
    elif level == Level.COMMUNITY:
        window = Q(due_on__lt=today)
    else:
        window = Q(due_on__lt=today - TO_STREET_AFTER)
    done = TaskEscalation.objects.filter(task=OuterRef("pk"), due_on=OuterRef("due_on"), level=level)
    return (
        Task.objects.filter(window, status__in=[Task.Status.PLANNED, Task.Status.IN_PROGRESS])
        .filter(~Exists(done))
        .order_by("due_on", "pk")
    )


def supervise_tasks(now: datetime) -> list[int]:
    """Record every warning and escalation now due; returns the ids of the new entries."""
    today = timezone.localdate(now)
    created = []
    for level in (Level.STREET, Level.COMMUNITY, Level.WARNING):
        while batch := list(due_for(level, today).values_list("pk", "due_on")[:BATCH]):
            created += [entry for pk, due_on in batch if (entry := _escalate_one(pk, due_on, level, now))]
            if len(batch) < BATCH:
                break
    return created


def _escalate_one(task_id: int, due_on: date, level: int, now: datetime) -> int | None:
    try:
        with transaction.atomic():
            entry = TaskEscalation.objects.create(task_id=task_id, due_on=due_on, level=level, created_at=now)
            if level > Level.WARNING:
                Task.objects.filter(pk=task_id, escalation_level__lt=level).update(escalation_level=level)
    except IntegrityError:  # another run recorded it first
        return None
    return entry.pk


def announce_escalation(entry: TaskEscalation) -> None:
    """Warnings go to whoever does the task and the community's staff; escalations up the chain."""
    task = entry.task
    hall = task.topic.hall
    people = list(community_staff_of(hall))
    if entry.level == Level.STREET:
        people += list(street_officials_of(hall))
    if task.assignee_id:
        people.append(task.assignee)
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        title = _("%(level)s: the task “%(task)s” was due by %(date)s") % {
            "level": entry.get_level_display(),
            "task": task.title,
            "date": entry.due_on,
        }
        notify(
            users=people,
            key=f"halls.task-escalation.{entry.pk}",
            title=title,
            body=task.unit or "",
            url=reverse("halls:topic", args=[task.topic_id]) + f"#task-{task.pk}",
        )
