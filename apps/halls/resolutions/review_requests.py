"""
Asking the street office to review a resolution, where the hall's rules want its review: the
street's officials are told once when a resolution starts waiting for them, and once more each
time it waits again after they returned it. A schedule asks, whichever code moved the topic; each
(resolution, round) is recorded once, enforced by the database.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Review, ReviewRequest, Topic
from ..notices import tell
from ..recipients import street_officials_of
from .services import awaiting_review


def unasked() -> QuerySet[Topic]:
    """Resolutions awaiting the street's review that it was not asked about in their current round."""
    returns = (
        Review.objects.filter(topic=OuterRef("pk"), decision=Review.Decision.RETURNED)
        .order_by()
        .values("topic")
        .annotate(count=Count("pk"))
        .values("count")
    )
    asked = ReviewRequest.objects.filter(topic=OuterRef("pk"), round=OuterRef("round"))
    rounds = awaiting_review(Topic.objects.all()).annotate(round=Coalesce(Subquery(returns), 0))
    return rounds.filter(~Exists(asked))


def review_requests_send(now: datetime) -> list[int]:
    """Ask about every resolution newly awaiting the street's review; returns the topics asked about."""
    topics = unasked().select_related("hall__place").order_by("pk")
    return [topic.pk for topic in topics if _ask(topic, now)]


def _ask(topic: Topic, now: datetime) -> bool:
    try:
        with transaction.atomic():
            ReviewRequest.objects.create(topic=topic, round=topic.round, at=now)
            _tell_street(topic)
    except IntegrityError:  # another run asked first
        return False
    return True


def _tell_street(topic: Topic) -> None:
    tell(
        user_ids=street_officials_of(topic.hall).values_list("pk", flat=True),
        key=f"review-request.{topic.pk}.{topic.round}",
        title=lambda: _review_asked(topic),
        url=reverse("halls:reviews"),
    )


def _review_asked(topic: Topic) -> str:
    if topic.round:
        title = _("Resolved again after its return, “%(topic)s” of %(hall)s awaits your review.")
    else:
        title = _("The resolution “%(topic)s” of %(hall)s awaits your review.")
    return title % {"topic": topic.title, "hall": topic.hall.name}
