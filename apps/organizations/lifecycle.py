"""An organization's registration as data: the steps staff may take, from which statuses, to which."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Organization

Status = Organization.Status


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset[str]
    target: str
    label: str
    needs_reason: bool = False
    permission: str = "organizations.file_organization"


STEPS = {
    step.name: step
    for step in [
        Step("file", frozenset({Status.APPLIED}), Status.FILED, _("File (备案)")),
        Step("refuse", frozenset({Status.APPLIED}), Status.REFUSED, _("Refuse"), needs_reason=True),
        Step("activate", frozenset({Status.FILED}), Status.ACTIVE, _("Activate")),
        Step(
            "suspend",
            frozenset({Status.FILED, Status.ACTIVE}),
            Status.SUSPENDED,
            _("Suspend"),
            needs_reason=True,
        ),
        Step("resume", frozenset({Status.SUSPENDED}), Status.ACTIVE, _("Resume")),
        Step(
            "dissolve",
            frozenset({Status.APPLIED, Status.FILED, Status.ACTIVE, Status.SUSPENDED}),
            Status.DISSOLVED,
            _("Dissolve"),
            needs_reason=True,
        ),
    ]
}


def steps_from(status: str) -> list[Step]:
    return [step for step in STEPS.values() if status in step.sources]
