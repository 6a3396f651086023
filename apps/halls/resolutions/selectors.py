"""
Reads for what follows a resolution: its public notice and objections, the street's review, and its
implementation tasks with their timelines. The topic page gets all of it in two queries.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from apps.access.visibility import visible_to

from ..membership import resident_paths
from ..models import Objection, Review, Task, TaskRating, TaskUpdate, Topic
from ..procedure import RESOLVED_TOPIC_STATUSES, TopicStatus
from ..topics.selectors import review_annotations
from .services import CONCLUDED, REVIEWABLE, awaiting_review, objection_window_open

SHOWN = RESOLVED_TOPIC_STATUSES | {TopicStatus.REVIEW}  # a returned resolution keeps its objections


def progress_annotations() -> dict:
    """How far a resolution's tasks have come, as columns of the topic's own query."""
    tasks = Task.objects.filter(topic=OuterRef("pk")).order_by().values("topic")
    return {
        "task_count": Coalesce(Subquery(tasks.annotate(n=Count("pk")).values("n")), Value(0)),
        "tasks_done": Coalesce(
            Subquery(tasks.filter(status=Task.Status.DONE).annotate(n=Count("pk")).values("n")), Value(0)
        ),
        "task_progress": Subquery(tasks.annotate(p=Avg("progress")).values("p"), output_field=FloatField()),
    }


@dataclass
class FollowThrough:
    objections: list[Objection]
    tasks: list[Task]
    window_open: bool
    may_take_part: bool  # object and rate
    may_answer: bool
    awaiting_review: bool
    review: Review  # the street's latest decision, if any (`decision` empty if none)


def follow_through(topic: Topic, user, *, may_take_part: bool, may_answer: bool) -> FollowThrough | None:
    """None, without a query, before the topic has a resolution; else two queries. The topic comes
    with its latest review (`review_annotations`, as `topics.selectors.topic_cards` gives it). What it
    shows is the same for every viewer who may (or may not) take part and answer; each task's `rated` says
    whether `user` (or their household) has rated it, for the caller to show to that person only.
    Which tasks someone reports on is asked separately (`may_update`)."""
    if topic.status not in SHOWN:
        return None
    objections = list(topic.objections.select_related("author", "answered_by").order_by("at", "pk"))
    tasks = _tasks_with_timelines(topic, user)
    review = Review(decision=topic.review_decision, reason=topic.review_reason, at=topic.review_at)
    return FollowThrough(
        objections=objections,
        tasks=tasks,
        window_open=objection_window_open(topic),
        may_take_part=may_take_part,
        may_answer=may_answer,
        awaiting_review=(
            topic.hall.street_review and topic.status in REVIEWABLE and review.decision not in CONCLUDED
        ),
        review=review,
    )


def rated_tasks(user, topic: Topic, task_ids) -> set[int]:
    """Those of the tasks that the person or their household has rated: one query."""
    return set(
        TaskRating.objects.filter(_rated_by(user, topic), task_id__in=task_ids).values_list(
            "task_id", flat=True
        )
    )


def _rated_by(user, topic: Topic) -> Q:
    return Q(user_id=user.pk) | Q(household__path__in=resident_paths(user, topic.hall.place))


def may_update(user, topic: Topic, task_id: int, assignee_id: int | None) -> bool:
    """Whether the person reports progress on the task (staff of its place, or whoever does it)."""
    return user.has_perm("halls.update_task", Task(pk=task_id, topic=topic, assignee_id=assignee_id))


def _tasks_with_timelines(topic: Topic, user) -> list[Task]:
    """Every task of the topic with its timeline, from one query over the timelines (each task's
    first entry is its setting), with the counts of ratings and whether the person rated it."""
    ratings = TaskRating.objects.filter(task=OuterRef("task_id")).order_by().values("task")
    rows = (
        TaskUpdate.objects.filter(task__topic=topic)
        .select_related("task__assignee", "author")
        .annotate(
            rated=Exists(TaskRating.objects.filter(_rated_by(user, topic), task=OuterRef("task_id"))),
            rating_count=Coalesce(Subquery(ratings.annotate(n=Count("pk")).values("n")), Value(0)),
            satisfied_count=Coalesce(
                Subquery(
                    ratings.filter(satisfaction__in=["satisfied", "basic"])
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                Value(0),
            ),
        )
        .order_by("task__due_on", "task_id", "at", "pk")
    )
    tasks: dict[int, Task] = {}
    for row in rows:
        task = tasks.get(row.task_id)
        if task is None:
            task = tasks[row.task_id] = row.task
            task.topic = topic
            task.timeline, task.rated = [], row.rated
            task.rating_count, task.satisfied_count = row.rating_count, row.satisfied_count
        task.timeline.append(row)
    return list(tasks.values())


def reviews_awaiting(user) -> QuerySet[Topic]:
    """The street official's list: resolutions of their street awaiting review, oldest first."""
    unanswered = Objection.objects.filter(topic=OuterRef("pk"), answered_at__isnull=True)
    queryset = awaiting_review(Topic.objects.all()).select_related("hall__place")
    return (
        visible_to(user, queryset, perm="halls.review_topic")
        .annotate(
            objection_count=Count("objections", distinct=True),
            unanswered=Exists(unanswered),
            **review_annotations(),
        )
        .order_by("agenda_at", "pk")
    )
