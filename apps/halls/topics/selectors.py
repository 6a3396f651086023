"""Reads for topics: with their hall and the person's standing, as cards with their latest review and
the dates of their steps, their comment threads, where each stands in its hall's procedure."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from apps.audit.models import StaffAction

from ..membership import resident_paths
from ..models import Comment, CoSignature, Follow, Review, Topic
from ..procedure import OPEN_TOPIC_STATUSES, PROCEDURES, TopicStatus


def review_annotations() -> dict:
    """The latest review of a topic, as columns of the topic's own query."""
    latest = Review.objects.filter(topic=OuterRef("pk")).order_by("-at", "-pk")
    return {
        "review_decision": Subquery(latest.values("decision")[:1]),
        "review_reason": Subquery(latest.values("reason")[:1]),
        "review_at": Subquery(latest.values("at")[:1]),
    }


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
