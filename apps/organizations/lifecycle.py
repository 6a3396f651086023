"""An organization's registration as data: the steps staff may take, from which statuses, to which."""

from django.utils.translation import gettext_lazy as _

from apps.core.transitions import Lifecycle, Transition

from .models import Organization

Status = Organization.Status
FILE = "organizations.file_organization"

LIFECYCLE = Lifecycle(
    Transition("file", {Status.APPLIED}, Status.FILED, FILE, _("File (备案)")),
    Transition("refuse", {Status.APPLIED}, Status.REFUSED, FILE, _("Refuse"), needs_note=True),
    Transition("activate", {Status.FILED}, Status.ACTIVE, FILE, _("Activate")),
    Transition(
        "suspend", {Status.FILED, Status.ACTIVE}, Status.SUSPENDED, FILE, _("Suspend"), needs_note=True
    ),
    Transition("resume", {Status.SUSPENDED}, Status.ACTIVE, FILE, _("Resume")),
    Transition(
        "dissolve",
        {Status.APPLIED, Status.FILED, Status.ACTIVE, Status.SUSPENDED},
        Status.DISSOLVED,
        FILE,
        _("Dissolve"),
        needs_note=True,
    ),
    refusal=_("An organization that is %(status)s cannot be changed this way."),
    note_error={"reason": _("Give the reason.")},
)
STEPS = LIFECYCLE.transitions


def steps_from(status: str) -> list[Transition]:
    return LIFECYCLE.available(status)
