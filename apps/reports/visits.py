"""
回访, return visits: resolved reports whose resident has not rated them within
`REPORT_RETURN_VISIT_AFTER_DAYS` wait in a queue; staff call or visit the resident and record the
answers, which rate the report through the lifecycle's "visit" (an unsatisfied or unsolved answer
reopens it, as a resident's rating does). A report still unrated after
`REPORT_CLOSE_UNRATED_AFTER_DAYS` is closed by the schedule; until then it stays open to a visit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .lifecycle import Status
from .models import Report, ReturnVisit
from .reviews import awaiting_review_condition
from .services import report_transition

WAITING = [Status.RESOLVED, Status.REVIEWED]


def waiting_for_rating(queryset: QuerySet[Report]) -> QuerySet[Report]:
    """Reports whose resident has been asked to rate and has not, with `asked_at`: when the result was
    checked, or resolved where no check was needed."""
    asked_at = Coalesce(F("reviewed_at"), F("resolved_at"), output_field=DateTimeField())
    waiting = queryset.filter(status__in=WAITING).exclude(awaiting_review_condition())
    return waiting.annotate(asked_at=asked_at)


def visits_due(queryset: QuerySet[Report], now=None) -> QuerySet[Report]:
    """The queue: asked more than the waiting days ago, the longest waiting first."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.REPORT_RETURN_VISIT_AFTER_DAYS)
    return waiting_for_rating(queryset).filter(asked_at__lt=cutoff).order_by("asked_at", "pk")


def unrated_past_visits(queryset: QuerySet[Report], now=None) -> QuerySet[Report]:
    """Reports the schedule closes unrated: their visit window is over."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS)
    return waiting_for_rating(queryset).filter(asked_at__lt=cutoff)


def report_visit(
    *, report: Report, by, channel: str, satisfaction: str, solved: bool | None, note: str = ""
) -> ReturnVisit:
    """Record a return visit: the report is rated with the resident's answers (through the lifecycle,
    so a second visit, or one on a report still open, is refused) and the visit kept, in one
    transaction."""
    if channel not in ReturnVisit.Channel.values:
        raise ValidationError({"channel": _("Say how the resident was reached: by phone or in person.")})
    with transaction.atomic():
        report = report_transition(
            report=report,
            action="visit",
            actor=by,
            note=_visit_note(channel, satisfaction, solved, note),
            satisfaction=satisfaction,
            solved=solved,
            channel=channel,
        )
        return ReturnVisit.objects.create(
            report=report,
            channel=channel,
            satisfaction=satisfaction,
            solved=solved,
            note=note.strip(),
            by=by,
            at=report.rated_at,
        )


def _visit_note(channel: str, satisfaction: str, solved: bool | None, note: str) -> str:
    """The timeline's line for the visit: how the resident was reached and what they said."""
    if satisfaction not in Report.Satisfaction.values or solved is None:
        return note  # refused by the rating itself, with its own message
    answers = _("%(channel)s: %(satisfaction)s; %(solved)s.") % {
        "channel": ReturnVisit.Channel(channel).label,
        "satisfaction": Report.Satisfaction(satisfaction).label,
        "solved": _("solved") if solved else _("not solved"),
    }
    return f"{answers} {note.strip()}".strip()
