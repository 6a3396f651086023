"""A meeting as data: the steps staff take, from which statuses, to which."""

from django.utils.translation import gettext_lazy as _

from apps.core.transitions import Lifecycle, Transition

from ..models import Meeting

MeetingStatus = Meeting.Status

MEETING = Lifecycle(
    Transition(
        "open",
        {MeetingStatus.SCHEDULED},
        MeetingStatus.OPEN,
        "halls.run_meeting",
        stamps=("opened_at",),
        refusal=_("Only a scheduled meeting can be opened."),
    ),
    Transition(
        "close",
        {MeetingStatus.OPEN},
        MeetingStatus.CLOSED,
        "halls.run_meeting",
        stamps=("closed_at",),
        refusal=_("Only a meeting in session can be closed."),
    ),
    Transition(
        "cancel",
        {MeetingStatus.SCHEDULED, MeetingStatus.OPEN},
        MeetingStatus.CANCELLED,
        "halls.run_meeting",
        stamps=("cancelled_at",),
        needs_note=True,
        refusal={
            MeetingStatus.CANCELLED: _("This meeting is already cancelled."),
            None: _("This meeting has closed: a closed meeting cannot be cancelled."),
        },
        denial=_("Only the staff who run this meeting may cancel it."),
    ),
    note_error=_("Give the reason for cancelling."),
)
