"""Reads for the hall's pages, each in a fixed number of queries whatever the size of the hall."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    FloatField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from apps.access.visibility import visible_to
from apps.audit.models import StaffAction

from .membership import resident_paths
from .models import Comment, CoSignature, Follow, Hall, Review, Task, Topic, Vote
from .procedure import OPEN_TOPIC_STATUSES, PROCEDURES, RESOLVED_TOPIC_STATUSES, TopicStatus

TOPICS_PER_PAGE = 15


def review_annotations() -> dict:
    """The latest review of a topic, as columns of the topic's own query."""
    latest = Review.objects.filter(topic=OuterRef("pk")).order_by("-at", "-pk")
    return {
        "review_decision": Subquery(latest.values("decision")[:1]),
        "review_reason": Subquery(latest.values("reason")[:1]),
        "review_at": Subquery(latest.values("at")[:1]),
    }


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


def halls_of(user) -> QuerySet[Hall]:
    """The halls the person reads (`halls.read_hall`)."""
    return visible_to(user, Hall.objects.select_related("place"), perm="halls.read_hall")


@dataclass(frozen=True)
class HallHome:
    hall: Hall
    topics: list[Topic]
    page: int
    has_next: bool
    open_votes: list[Vote]
    resolutions: list[Topic]


def hall_home(hall: Hall, *, page: int = 1) -> HallHome:
    """Open topics 15 at a time, open votes, recent resolutions: three queries."""
    start = (page - 1) * TOPICS_PER_PAGE
    window = list(
        Topic.objects.filter(hall=hall, status__in=OPEN_TOPIC_STATUSES).order_by("-created_at", "-pk")[
            start : start + TOPICS_PER_PAGE + 1
        ]
    )
    return HallHome(
        hall=hall,
        topics=window[:TOPICS_PER_PAGE],
        page=page,
        has_next=len(window) > TOPICS_PER_PAGE,
        open_votes=list(Vote.objects.in_state(Vote.Status.OPEN).filter(hall=hall).order_by("closes_at")[:10]),
        resolutions=list(
            Topic.objects.filter(hall=hall, status__in=RESOLVED_TOPIC_STATUSES)
            .annotate(**progress_annotations())
            .order_by("-agenda_at")[:5]
        ),
    )


def topics_with_hall() -> QuerySet[Topic]:
    return Topic.objects.select_related("hall__place")


def topics_with_standing(user) -> QuerySet[Topic]:
    """Topics with their hall, and whether the person's household co-signed and they follow each."""
    return topics_with_hall().annotate(
        cosigned=Exists(_household_signatures(user).filter(topic=OuterRef("pk"))),
        followed=Exists(Follow.objects.filter(topic=OuterRef("pk"), user_id=user.pk)),
    )


def _household_signatures(user) -> QuerySet[CoSignature]:
    return CoSignature.objects.filter(household__path__in=resident_paths(user))


def topic_cards() -> QuerySet[Topic]:
    """Topics with their hall, its place, the street's latest review and the dates of their steps."""
    return Topic.objects.select_related("hall__place").annotate(**review_annotations(), **_step_dates())


def _step_dates() -> dict:
    """When the topic last entered each step of a procedure (`reached_<status>`), from the audit log."""
    entries = StaffAction.objects.filter(
        content_type__app_label=Topic._meta.app_label,
        content_type__model=Topic._meta.model_name,
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at")
    return {
        f"reached_{status}": Subquery(entries.filter(action=f"halls.step:{status}").values("created_at")[:1])
        for status in TopicStatus.values
    }


def topic_threads(topic: Topic) -> list[tuple[Comment, list[Comment]]]:
    """First-level comments, each with its replies: one query."""
    comments = list(Comment.objects.filter(topic=topic).select_related("author").order_by("created_at", "pk"))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(c, replies.get(c.pk, [])) for c in comments if c.parent_id is None]


def my_participation(user) -> dict:
    halls = list(halls_of(user).order_by("place__path"))
    return {
        "halls": halls,
        "topics": list(
            Topic.objects.filter(raised_by=user).select_related("hall").order_by("-created_at")[:20]
        ),
        "votes": list(
            Vote.objects.in_state(Vote.Status.OPEN)
            .filter(electors__voters__user=user)
            .select_related("hall")
            .distinct()
            .order_by("closes_at")[:20]
        ),
        "comments": list(
            Comment.objects.filter(author=user).select_related("topic").order_by("-created_at")[:20]
        ),
    }


@dataclass(frozen=True)
class TrackedStep:
    label: str
    state: str  # "done", "current", "skipped" (an optional step), "to come" or "stopped" (declined, merged)
    at: datetime | None


def procedure_tracker(topic: Topic) -> list[TrackedStep]:
    """Where the topic stands in its hall's procedure (四议两公开): each step done with its date, the
    current one, the ones to come. A declined or merged topic shows the steps it went through. The
    dates are those `topic_cards` reads with the topic."""
    statuses = [TopicStatus.RAISED, *PROCEDURES[topic.hall.procedure].statuses()]
    reached = {status: getattr(topic, f"reached_{status}", None) for status in statuses}
    reached = {status: at for status, at in reached.items() if at} | {
        TopicStatus.RAISED.value: topic.created_at
    }
    current = statuses.index(topic.status) if topic.status in statuses else -1
    tracked = []
    for index, status in enumerate(statuses):
        if index == current:
            state = "current"
        elif status in reached:
            state = "done"
        else:
            state = "skipped" if index < current else "to come" if current >= 0 else "stopped"
        tracked.append(TrackedStep(TopicStatus(status).label, state, reached.get(status)))
    return tracked


def open_topic_titled(hall, title: str) -> Topic | None:
    """An open topic of the hall with this title: a resident is pointed to it before raising another."""
    found = Topic.objects.filter(hall=hall, title=title.strip(), status__in=OPEN_TOPIC_STATUSES)
    return found.order_by("created_at").first()
