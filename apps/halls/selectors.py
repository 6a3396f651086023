"""Reads across the hall: the halls a person reads, the hall home, my participation; each in a fixed
number of queries whatever the size of the hall."""

from dataclasses import dataclass

from django.db.models import QuerySet

from apps.access.visibility import visible_to

from .models import Comment, Hall, Topic, Vote
from .procedure import OPEN_TOPIC_STATUSES, RESOLVED_TOPIC_STATUSES
from .resolutions.selectors import progress_annotations

TOPICS_PER_PAGE = 15


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
