"""审核: in a category that asks for it, community staff check a resolved report before its resident
is asked to rate it (`Category.needs_review`). The check is the lifecycle's "review" (passed: the
resident is asked) or "fail_review" (back to the handler with the reason)."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from .lifecycle import Status
from .models import Report

AWAITING_REVIEW = gettext_noop(
    "The community checks this result first; the report can be rated once the check is done."
)


def awaiting_review_condition() -> Q:
    """Resolved, in a category whose results are checked, and not checked yet."""
    return Q(status=Status.RESOLVED, category__needs_review=True)


def awaiting_review(report: Report) -> bool:
    return report.status == Status.RESOLVED and report.category.needs_review


def review_done(report: Report) -> bool:
    """Whether the report may be rated as far as the check goes: its category asks for none, or the
    result was checked since it was last resolved ("resolve" clears `reviewed_at`)."""
    return not report.category.needs_review or report.reviewed_at is not None
