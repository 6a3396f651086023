"""
The life of a report as data: its states and the transitions between them.

submitted → dispatched → accepted → in progress → resolved → reviewed → rated → closed, with
returned (wrong handler, back to the dispatcher), merged (a duplicate), rejected (not
actionable) and reopened (the resident was unsatisfied, or the review failed: back with the handler
who resolved it, whom community staff may still change by dispatching it again).
`services.report_transition` is the only code that applies a transition.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


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


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: str
    needs_note: bool = False


def _t(name, sources, target, permission, label, needs_note=False) -> Transition:
    return Transition(name, frozenset(sources), target, permission, label, needs_note)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t(
            "dispatch",
            WAITING_FOR_DISPATCH | {Status.REOPENED},  # a reopened report may go to another handler
            Status.DISPATCHED,
            "reports.dispatch_report",
            _("Dispatch"),
        ),
        _t(
            "accept",
            {Status.DISPATCHED, Status.REOPENED},
            Status.ACCEPTED,
            "reports.handle_report",
            _("Accept"),
        ),
        _t("start", {Status.ACCEPTED}, Status.IN_PROGRESS, "reports.handle_report", _("Start work")),
        _t(
            "resolve",
            {Status.ACCEPTED, Status.IN_PROGRESS},
            Status.RESOLVED,
            "reports.handle_report",
            _("Resolve"),
            needs_note=True,
        ),
        _t(
            "return",
            {Status.DISPATCHED, Status.ACCEPTED, Status.REOPENED},
            Status.RETURNED,
            "reports.handle_report",
            _("Return to the dispatcher"),
            needs_note=True,
        ),
        _t("review", {Status.RESOLVED}, Status.REVIEWED, "reports.review_report", _("Review passed")),
        _t(
            "fail_review",
            {Status.RESOLVED},
            Status.REOPENED,
            "reports.review_report",
            _("Review failed"),
            needs_note=True,
        ),
        _t("rate", {Status.RESOLVED, Status.REVIEWED}, Status.RATED, "reports.rate_report", _("Rate")),
        _t(
            "reopen",
            {Status.RESOLVED, Status.REVIEWED},
            Status.REOPENED,
            "reports.rate_report",
            _("Not solved: reopen"),
        ),
        _t(
            "close",
            {Status.RATED, Status.REVIEWED, Status.RESOLVED},
            Status.CLOSED,
            "reports.close_report",
            _("Close"),
        ),
        _t(
            "merge",
            WAITING_FOR_DISPATCH | {Status.DISPATCHED},
            Status.MERGED,
            "reports.dispatch_report",
            _("Merge into another report"),
        ),
        _t(
            "reject",
            WAITING_FOR_DISPATCH | {Status.DISPATCHED},
            Status.REJECTED,
            "reports.dispatch_report",
            _("Reject"),
            needs_note=True,
        ),
    ]
}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]


EVENT_LABELS = {
    "submitted": _("Submitted"),
    "escalated": _("Escalated (督办)"),
    "warned": _("Deadline approaching"),
    "recategorize": _("Category changed"),
    **{name: t.label for name, t in TRANSITIONS.items()},
}


def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)
