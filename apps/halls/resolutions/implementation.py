"""
Implementation and supervision: a resolution becomes tasks; the person responsible and staff report
progress with photos (the task's timeline); residents rate a task once it is done.
"""

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..membership import households_of
from ..models import Task, TaskRating, TaskUpdate, Topic
from ..models.implementation import Satisfaction
from ..notices import tell, tell_followers
from ..procedure import TopicStatus
from ..services import audit
from ..versions import hall_changed

TASKABLE = (TopicStatus.RESOLUTION, TopicStatus.RESOLUTION_PUBLIC)
CHANGEABLE = ("title", "description", "assignee", "unit", "due_on")


def task_refusal(
    *, topic: Topic, by, assignee=None, unit: str = "", due_on: date | None = None
) -> str | None:
    """Why this task may not be set (or changed) so, or None; the service and the admin's form ask it."""
    if not by.has_perm("halls.add_task", topic):
        return _("Only staff of this hall set its implementation tasks.")
    if topic.status not in TASKABLE:
        return _("Only a resolution becomes tasks; this topic is at “%(step)s”.") % {
            "step": topic.get_status_display()
        }
    return _who_and_when_refusal(topic.hall, assignee=assignee, unit=unit, due_on=due_on)


def _who_and_when_refusal(hall, *, assignee, unit: str, due_on: date | None) -> str | None:
    if assignee is None and not unit.strip():
        return _("Name who carries the task out: a person or a responsible unit.")
    if assignee is not None and not assignee.has_perm("halls.take_part", hall):
        return _("The person responsible must belong to this hall.")
    if due_on is None or due_on < timezone.localdate():
        return _("The deadline cannot lie in the past.")
    return None


@transaction.atomic
def task_create(
    *,
    topic: Topic,
    by,
    title: str,
    due_on: date,
    assignee=None,
    unit: str = "",
    description: str = "",
) -> Task:
    refusal = task_refusal(topic=topic, by=by, assignee=assignee, unit=unit, due_on=due_on)
    if refusal and not by.has_perm("halls.add_task", topic):
        raise PermissionDenied(refusal)
    if refusal:
        raise ValidationError(refusal)
    task = Task(
        topic=topic,
        title=title.strip(),
        description=description.strip(),
        assignee=assignee,
        unit=unit.strip(),
        due_on=due_on,
        created_by=by,
    )
    task.full_clean()
    task.save()
    TaskUpdate.objects.create(
        task=task,
        author=by,
        note=_("Task set, due by %(date)s.") % {"date": due_on},
        progress=0,
        status=task.status,
    )
    audit(hall=topic.hall, actor=by, action="create_task", subject=task)
    tell_followers(
        topic=topic,
        key=f"task:{task.pk}",
        title=lambda: _("New task: %(task)s") % {"task": task.title},
        actor=by,
    )
    if assignee is not None:
        _tell_assignee(task)
    return task


@transaction.atomic
def task_change(*, task: Task, by, reason: str = "", **changes) -> Task:
    """Staff change what a task is, who does it or by when; a new deadline starts its 督办 afresh."""
    task = Task.objects.select_for_update().select_related("topic__hall__place").get(pk=task.pk)
    if not by.has_perm("halls.change_task", task):
        raise PermissionDenied
    if task.status == Task.Status.DONE:
        raise ValidationError(_("This task is done; its record is closed."))
    changed = {
        name: value for name, value in changes.items() if name in CHANGEABLE and getattr(task, name) != value
    }
    if not changed:
        return task
    if refusal := task_change_refusal(task=task, **changed):
        raise ValidationError(refusal)
    for name, value in changed.items():
        setattr(task, name, value)
    if "due_on" in changed:
        task.escalation_level = 0
        changed["escalation_level"] = 0
    task.full_clean()
    task.save(update_fields=list(changed))
    if "due_on" in changed:
        note = _("Deadline moved to %(date)s.") % {"date": task.due_on}
        TaskUpdate.objects.create(
            task=task,
            author=by,
            note=f"{note} {reason.strip()}".strip(),
            progress=task.progress,
            status=task.status,
        )
    audit(hall=task.topic.hall, actor=by, action="change_task", subject=task, note=", ".join(sorted(changed)))
    if "assignee" in changed and task.assignee_id:
        _tell_assignee(task)
    return task


def task_change_refusal(*, task: Task, **changed) -> str | None:
    """Why a task may not be changed so, or None; the service and the admin's form ask it."""
    if not {"assignee", "unit", "due_on"} & set(changed):
        return None
    proposed = {"assignee": task.assignee, "unit": task.unit, "due_on": task.due_on}
    proposed.update((name, changed[name]) for name in proposed if name in changed)
    return _who_and_when_refusal(task.topic.hall, **proposed)


def task_report(
    *,
    task: Task,
    by,
    progress: int,
    note: str,
    photos: Sequence = (),
    submission_key: UUID | None = None,
) -> TaskUpdate:
    """A progress report with photos (re-encoded by apps/core/photos.py); 100 % means done."""
    if submission_key and (existing := TaskUpdate.objects.filter(submission_key=submission_key).first()):
        return existing
    if not by.has_perm("halls.update_task", task):
        raise PermissionDenied(_("Only the person responsible and staff of this hall report progress."))
    if not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a percentage between 0 and 100."))
    if not note.strip():
        raise ValidationError(_("Say what was done."))
    stored = [_store(photo) for photo in photos]
    try:
        with transaction.atomic():
            return _record_progress(task, by, progress, note.strip(), stored, submission_key)
    except IntegrityError:
        if submission_key and (existing := TaskUpdate.objects.filter(submission_key=submission_key).first()):
            return existing
        raise


def _record_progress(task, by, progress, note, stored, submission_key) -> TaskUpdate:
    task = Task.objects.select_for_update().select_related("topic__hall").get(pk=task.pk)
    if task.status == Task.Status.DONE:
        raise ValidationError(_("This task is done; its record is closed."))
    now = timezone.now()
    task.progress = progress
    task.status = Task.Status.DONE if progress == 100 else Task.Status.IN_PROGRESS
    task.done_at = now if progress == 100 else None
    task.save(update_fields=["progress", "status", "done_at"])
    update = TaskUpdate.objects.create(
        task=task,
        author=by,
        note=note,
        progress=progress,
        status=task.status,
        photos=stored,
        submission_key=submission_key,
        at=now,
    )
    hall_changed(task.topic.hall_id)
    tell_followers(
        topic=task.topic,
        key=f"task-update:{update.pk}",
        title=lambda: _progress_title(task, progress),
        actor=by,
    )
    return update


def _progress_title(task: Task, progress: int) -> str:
    if task.status == Task.Status.DONE:
        return _("Done: %(task)s. Tell us what you think of the result.") % {"task": task.title}
    return _("%(task)s: %(progress)s%% done") % {"task": task.title, "progress": progress}


def _store(photo) -> dict:
    """Save a processed photo (apps.core.photos.ProcessedPhoto) and its thumbnail."""
    folder = timezone.now().strftime("halls/tasks/%Y/%m/")
    return {
        "image": default_storage.save(folder + photo.image.name, photo.image),
        "thumbnail": default_storage.save(folder + photo.thumbnail.name, photo.thumbnail),
    }


def task_rate(*, task: Task, user, satisfaction: str, comment: str = "") -> TaskRating:
    """One rating per household (whoever of it rates), or per person for a member without one."""
    task = Task.objects.select_related("topic__hall__place").get(pk=task.pk)
    household = households_of(user, task.topic.hall.place).first()
    if not user.has_perm("halls.rate_task", task):
        raise PermissionDenied(_("Residents of this hall rate its tasks."))
    if task.status != Task.Status.DONE:
        raise ValidationError(_("A task is rated once it is done."))
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("Choose how satisfied you are."))
    try:
        with transaction.atomic():
            rating = TaskRating.objects.create(
                task=task,
                user=user,
                household=household,
                satisfaction=satisfaction,
                comment=comment.strip()[:500],
            )
            hall_changed(task.topic.hall_id)
            return rating
    except IntegrityError:
        if household is not None:
            raise ValidationError(_("Your household has already rated this task.")) from None
        raise ValidationError(_("You have already rated this task.")) from None


def _tell_assignee(task: Task) -> None:
    tell(
        user_ids=[task.assignee_id],
        key=f"task.{task.pk}.assigned.{task.assignee_id}",
        title=lambda: (
            _("A task for you: %(task)s, due by %(date)s") % {"task": task.title, "date": task.due_on}
        ),
        url=reverse("halls:topic", args=[task.topic_id]) + f"#task-{task.pk}",
    )
