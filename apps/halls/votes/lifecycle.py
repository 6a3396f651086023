"""A vote as data: staff (or the schedule) open it, the schedule closes it once its time has passed."""

from django.utils.translation import gettext_lazy as _

from apps.core.transitions import Lifecycle, Transition

from ..models import Vote

VoteStatus = Vote.Status

VOTE = Lifecycle(
    Transition(
        "open",
        {VoteStatus.DRAFT},
        VoteStatus.OPEN,
        "halls.open_vote",
        stamps=("opened_at",),
        refusal=_("This vote has already been opened."),
    ),
    # counting: the schedule closes a vote once its closing time has passed (it reads closed from then)
    Transition(
        "close",
        {VoteStatus.OPEN},
        VoteStatus.CLOSED,
        "halls.close_vote",
        stamps=("closed_at",),
        refusal=_("This vote was never opened."),
    ),
)
