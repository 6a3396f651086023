"""
A resolution carried out: tasks (who, what, by when), their progress timeline with photos,
residents' ratings once done, and the escalations of overdue tasks (督办).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.files import granted_url
from apps.places.models import Place

from .topics import Topic


class Task(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("what"), max_length=160)
    description = models.TextField(_("details"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.CharField(
        _("responsible unit"),
        max_length=120,
        blank=True,
        help_text=_("A property company, a street department, a social organization…"),
    )
    due_on = models.DateField(_("by when"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    escalation_level = models.PositiveSmallIntegerField(_("escalated to"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("set at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    access_anchors = ("topic__hall__place",)
    access_owner = "assignee"

    class Meta:
        verbose_name = _("implementation task")
        verbose_name_plural = _("implementation tasks")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="halls_task_open_due")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="halls_task_progress_percent"),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "done"]), name="halls_task_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100, done_at__isnull=False),
                name="halls_task_done_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(assignee__isnull=False) | ~Q(unit=""), name="halls_task_names_who"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def overdue_days(self, today=None) -> int:
        """Whole days past the deadline for a task not done; 0 when on time or done."""
        if self.status == self.Status.DONE:
            return 0
        today = today or timezone.localdate()
        return max(0, (today - self.due_on).days)


class TaskUpdate(models.Model):
    """One entry of a task's timeline: its setting, each progress report, each deadline moved.

    Photos are kept on the entry as a list of stored files, so a topic page reads every task and
    its whole timeline in one query."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("what was done"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    status = models.CharField(_("status"), max_length=12, choices=Task.Status.choices)
    photos = models.JSONField(_("photos"), default=list, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("task__topic__hall__place",)
    # the hall's readers get the photos through the topic page's grants (photo_urls)
    access_files = {"photos": ("halls.view_taskupdate", "", "halls/tasks/")}

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["task", "at"], name="halls_taskupdate_timeline")]
        constraints = [
            models.UniqueConstraint(fields=["submission_key"], name="halls_taskupdate_submitted_once"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="halls_taskupdate_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.progress}%"

    def photo_urls(self) -> list[tuple[str, str]]:
        return [(granted_url(p["image"]), granted_url(p["thumbnail"])) for p in self.photos]


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class TaskRating(models.Model):
    """A resident's judgement of a done task: one per household, or per person without one."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("task__topic__hall__place",)

    class Meta:
        verbose_name = _("rating of a task")
        verbose_name_plural = _("ratings of tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "household"],
                condition=Q(household__isnull=False),
                name="halls_one_task_rating_per_household",
            ),
            models.UniqueConstraint(
                fields=["task", "user"],
                condition=Q(household__isnull=True),
                name="halls_one_task_rating_per_person",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__in=Satisfaction.values), name="halls_task_rating_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.satisfaction}"


class TaskEscalation(models.Model):
    """督办 of a task: a warning before its deadline, then the community, then the street; once per
    (task, deadline, level), so a second run — or a second worker — escalates nothing twice."""

    class Level(models.IntegerChoices):
        WARNING = 0, _("Warning before the deadline")
        COMMUNITY = 1, _("Escalated to the community's leaders")
        STREET = 2, _("Escalated to the street")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="escalations")
    due_on = models.DateField(_("deadline"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("task__topic__hall__place",)

    class Meta:
        verbose_name = _("task escalation")
        verbose_name_plural = _("task escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "due_on", "level"], name="halls_escalate_task_once_per_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_level_display()}"
