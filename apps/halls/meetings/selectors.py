"""Reads for the meeting pages, each in a fixed number of queries however many people and topics."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    AgendaItem,
    Attendance,
    Hall,
    Invitation,
    Meeting,
    MeetingAttachment,
    MinutesApproval,
    Registration,
    Vote,
)

UPCOMING = 5


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with its places taken, its waitlist and its attendance, one subquery each."""
    registrations = Registration.objects.filter(meeting=OuterRef("pk"))
    return queryset.annotate(
        taken=_count(registrations.filter(status=Registration.Status.CONFIRMED)),
        waiting=_count(registrations.filter(status=Registration.Status.WAITLISTED)),
        present=_count(Attendance.objects.filter(meeting=OuterRef("pk"))),
    )


def meetings_upcoming(hall: Hall) -> list[Meeting]:
    """The hall's meetings not yet over: one query."""
    active = [Meeting.Status.SCHEDULED, Meeting.Status.OPEN]
    recent = timezone.now() - timedelta(days=1)
    found = Meeting.objects.filter(hall=hall, status__in=active, ends_at__gte=recent)
    return list(found.order_by("starts_at", "pk")[:UPCOMING])


def meetings_with_counts() -> QuerySet[Meeting]:
    return with_counts(Meeting.objects.select_related("hall__place", "minutes"))


def meetings_with_standing(user) -> QuerySet[Meeting]:
    """Meetings with their hall, minutes, counts and the person's own standing, in one query."""
    mine = Registration.objects.filter(meeting=OuterRef("pk"), user_id=user.pk)
    return meetings_with_counts().annotate(
        my_status=Subquery(mine.values("status")[:1]),
        signed_in=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), user_id=user.pk)),
        invited=Exists(Invitation.objects.filter(meeting=OuterRef("pk"), user_id=user.pk)),
        answered=Exists(
            MinutesApproval.objects.filter(
                minutes__meeting=OuterRef("pk"), version=OuterRef("minutes__version"), user_id=user.pk
            )
        ),
    )


@dataclass(frozen=True)
class MeetingPage:
    agenda: list[AgendaItem]
    attachments: list[MeetingAttachment]
    votes: list[Vote]


def meeting_page(meeting: Meeting) -> MeetingPage:
    """The agenda with its topics, the attachments and the meeting's votes: three queries."""
    return MeetingPage(
        agenda=list(AgendaItem.objects.filter(meeting=meeting).select_related("topic")),
        attachments=list(MeetingAttachment.objects.filter(meeting=meeting).only("pk", "title", "meeting_id")),
        votes=list(Vote.objects.filter(meeting=meeting).order_by("opens_at", "pk")),
    )


@dataclass(frozen=True)
class Roster:
    attendance: list[Attendance]
    registrations: list[Registration]


def meeting_roster(meeting: Meeting) -> Roster:
    """Who signed in (and by whom), and who registered: two queries."""
    return Roster(
        attendance=list(
            Attendance.objects.filter(meeting=meeting)
            .select_related("user", "signed_in_by")
            .order_by("at", "pk")
        ),
        registrations=list(
            Registration.objects.filter(meeting=meeting)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("user")
            .annotate(present=Exists(Attendance.objects.filter(meeting=meeting, user=OuterRef("user"))))
            .order_by("status", "queued_at", "pk")
        ),
    )


def attachments_with_hall() -> QuerySet[MeetingAttachment]:
    return MeetingAttachment.objects.select_related("meeting__hall__place")
