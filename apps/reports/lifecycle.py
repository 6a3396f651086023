"""
The life of a report as data: its states and the transitions between them.

submitted → dispatched → accepted → in progress → resolved → reviewed → rated → closed, with
returned (wrong handler, back to the dispatcher), merged (a duplicate), rejected (not
actionable) and reopened (the resident was unsatisfied, or the review failed: back with the handler
who resolved it, whom community staff may still change by dispatching it again).
`services.report_transition` is the only code that applies a transition (through `LIFECYCLE.apply`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.transitions import Lifecycle, Transition


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    REVIEWED = "reviewed", _("Reviewed")
    RATED = "rated", _("Rated")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Returned to the dispatcher")
    MERGED = "merged", _("Merged into another report")
    REJECTED = "rejected", _("Rejected")
    REOPENED = "reopened", _("Reopened")


OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.DISPATCHED,
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.RETURNED,
        Status.REOPENED,
    }
)
WAITING_FOR_DISPATCH = frozenset({Status.SUBMITTED, Status.RETURNED})
WAITING_FOR_RESPONSE = frozenset({Status.DISPATCHED})
# a reopened report is back with the handler who resolved it, under a fresh resolution deadline
WAITING_FOR_RESOLUTION = frozenset({Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED})


class TransitionError(ValidationError):
    pass


RESPONDING = ("responded_at",)  # the first step a handler takes answers the report

LIFECYCLE = Lifecycle(
    Transition(
        "dispatch",
        # a reopened report may go to another handler, and a dispatched one until its handler accepts it
        WAITING_FOR_DISPATCH | {Status.REOPENED, Status.DISPATCHED},
        Status.DISPATCHED,
        "reports.dispatch_report",
        _("Dispatch"),
        stamps=("dispatched_at",),
    ),
    Transition(
        "accept",
        {Status.DISPATCHED, Status.REOPENED},
        Status.ACCEPTED,
        "reports.handle_report",
        _("Accept"),
        first_stamps=RESPONDING,
    ),
    Transition(
        "start",
        {Status.ACCEPTED},
        Status.IN_PROGRESS,
        "reports.handle_report",
        _("Start work"),
        first_stamps=RESPONDING,
    ),
    Transition(
        "resolve",
        {Status.ACCEPTED, Status.IN_PROGRESS},
        Status.RESOLVED,
        "reports.handle_report",
        _("Resolve"),
        stamps=("resolved_at",),
        clears=("reviewed_at",),  # a result checked before is checked again
        first_stamps=RESPONDING,
        needs_note=True,
    ),
    Transition(
        "return",
        {Status.DISPATCHED, Status.ACCEPTED, Status.REOPENED},
        Status.RETURNED,
        "reports.handle_report",
        _("Return to the dispatcher"),
        first_stamps=RESPONDING,
        needs_note=True,
    ),
    Transition(
        "review",
        {Status.RESOLVED},
        Status.REVIEWED,
        "reports.review_report",
        _("Review passed"),
        stamps=("reviewed_at",),
    ),
    Transition(
        "fail_review",
        {Status.RESOLVED},
        Status.REOPENED,
        "reports.review_report",
        _("Review failed"),
        clears=("resolved_at",),
        needs_note=True,
    ),
    Transition(
        "rate",
        {Status.RESOLVED, Status.REVIEWED},
        Status.RATED,
        "reports.rate_report",
        _("Rate"),
        stamps=("rated_at",),
        outcomes={Status.REOPENED},  # unsatisfied, or not solved
    ),
    Transition(  # 回访: staff record the resident's answers when they did not rate in time
        "visit",
        {Status.RESOLVED, Status.REVIEWED},
        Status.RATED,
        "reports.visit_report",
        _("Return visit"),
        stamps=("rated_at",),
        outcomes={Status.REOPENED},  # unsatisfied, or not solved
        refusal={
            Status.RATED: _("This report is already rated: a return visit is for reports left unrated."),
            Status.CLOSED: _("This report is closed: a return visit is for resolved reports left unrated."),
            None: _("A return visit is for resolved reports; this one is “%(status)s”."),
        },
    ),
    Transition(
        "reopen",
        {Status.RESOLVED, Status.REVIEWED},
        Status.REOPENED,
        "reports.rate_report",
        _("Not solved: reopen"),
        clears=("resolved_at",),
    ),
    Transition(
        "close",
        {Status.RATED, Status.REVIEWED, Status.RESOLVED},
        Status.CLOSED,
        "reports.close_report",
        _("Close"),
        stamps=("closed_at",),
    ),
    Transition(
        "merge",
        WAITING_FOR_DISPATCH | {Status.DISPATCHED},
        Status.MERGED,
        "reports.dispatch_report",
        _("Merge into another report"),
    ),
    Transition(
        "reject",
        WAITING_FOR_DISPATCH | {Status.DISPATCHED},
        Status.REJECTED,
        "reports.dispatch_report",
        _("Reject"),
        needs_note=True,
    ),
    refusal=_("A report that is “%(status)s” cannot be changed by “%(action)s”."),
    note_error={"note": _("Add a note: the resident and the next handler read it.")},
    error=TransitionError,
    state_first=True,
    anonymous={"reports.rate_report"},  # the holder of the private follow link rates
)
TRANSITIONS = LIFECYCLE.transitions


def transitions_from(status: str) -> list[Transition]:
    return LIFECYCLE.available(status)


EVENT_LABELS = {
    "submitted": _("Submitted"),
    "escalated": _("Escalated (督办)"),
    "warned": _("Deadline approaching"),
    "recategorize": _("Category changed"),
    "add_cohandler": _("Co-handler added (协办)"),
    "summon": _("Unit summoned (吹哨)"),
    "report_in": _("Reported in (报到)"),
    "unit_note": _("Note of a joined unit"),
    "unit_done": _("A joined unit's part done"),
    "unit_escalated": _("Not reported in: escalated (督办)"),
    **{name: t.label for name, t in TRANSITIONS.items()},
}


def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)
