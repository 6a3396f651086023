"""The halls' figures for the oversight dashboard: deliberation and votes below some places, in a period."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.places.models import Place

from .models import Hall, Result
from .procedure import OPEN_TOPIC_STATUSES, RESOLVED_TOPIC_STATUSES


@dataclass(frozen=True)
class HallFigures:
    halls: int
    topics_raised: int  # in the period
    topics_open: int  # now collecting co-signatures or in deliberation
    resolutions: int  # topics raised in the period that reached a resolution
    votes_closed: int  # in the period
    votes_approved: int
    participants: int
    electorate: int

    @property
    def turnout(self) -> float | None:
        return self.participants / self.electorate if self.electorate else None


def street_figures(*, places: list[Place], since: date, until: date) -> HallFigures:
    """The halls at or below `places` (a street, its communities…). Two queries."""
    below = Q(pk__in=[])
    for place in places:
        below |= Q(place__path__startswith=place.path)
    halls = Hall.objects.filter(below)
    start, end = _moment(since), _moment(until + timedelta(days=1))
    raised = Q(topics__created_at__gte=start, topics__created_at__lt=end)
    topics = halls.aggregate(
        halls=Count("pk", distinct=True),
        raised=Count("topics", filter=raised),
        open=Count("topics", filter=Q(topics__status__in=OPEN_TOPIC_STATUSES)),
        resolutions=Count("topics", filter=raised & Q(topics__status__in=RESOLVED_TOPIC_STATUSES)),
    )
    votes = Result.objects.filter(vote__hall__in=halls, vote__closed_at__gte=start, vote__closed_at__lt=end)
    results = votes.aggregate(
        closed=Count("pk"),
        approved=Count("pk", filter=Q(approved=True)),
        participants=Sum("participants"),
        electorate=Sum("electorate"),
    )
    return HallFigures(
        halls=topics["halls"],
        topics_raised=topics["raised"],
        topics_open=topics["open"],
        resolutions=topics["resolutions"],
        votes_closed=results["closed"],
        votes_approved=results["approved"],
        participants=results["participants"] or 0,
        electorate=results["electorate"] or 0,
    )


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
