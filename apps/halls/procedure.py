"""
Procedures a hall follows, as data: the steps of a topic and which of them may not be skipped.

A topic is raised, gathers co-signatures and, past the hall's threshold (or when staff schedule
it), enters the first step of its hall's procedure; it then moves one step at a time. A step
marked mandatory can never be skipped. A resolution the street office returns goes back to the
procedure's `returned_to` step. `services.topics` is the only code that moves a topic.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.transitions import Lifecycle, Transition


class TopicStatus(models.TextChoices):
    RAISED = "raised", _("Collecting co-signatures")
    PROPOSAL = "proposal", _("Proposal")
    DELIBERATION = "deliberation", _("Deliberation")
    REVIEW = "review", _("Review")
    RESOLUTION = "resolution", _("Resolution")
    RESOLUTION_PUBLIC = "resolution_public", _("Resolution published")
    RESULT_PUBLIC = "result_public", _("Result published")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another topic")


@dataclass(frozen=True)
class Step:
    status: str
    mandatory: bool = True
    needs_approved_vote: bool = False
    opens_public_notice: bool = False
    waits_for_public_notice: bool = False
    waits_for_implementation: bool = False


@dataclass(frozen=True)
class Procedure:
    code: str
    label: str
    steps: tuple[Step, ...]
    returned_to: str | None = None

    def statuses(self) -> list[str]:
        return [step.status for step in self.steps]

    def step(self, status: str) -> Step | None:
        return next((step for step in self.steps if step.status == status), None)

    def next_steps(self, status: str) -> list[Step]:
        """The steps a topic may move to from `status`: the next one, and past it only over optional ones."""
        if status == TopicStatus.RAISED:
            following = self.steps
        elif status in self.statuses():
            following = self.steps[self.statuses().index(status) + 1 :]
        else:
            return []
        reachable = []
        for step in following:
            reachable.append(step)
            if step.mandatory:
                break
        return reachable

    @cached_property
    def lifecycle(self) -> Lifecycle:
        """The procedure's transitions: each step (named `step:<status>`) from the states it may
        follow, declining and merging an open topic, and the street's return of a resolution."""
        states = [TopicStatus.RAISED, *self.statuses()]
        steps = [
            Transition(
                f"step:{step.status}",
                {state for state in states if step in self.next_steps(state)},
                step.status,
                MODERATE,
                TopicStatus(step.status).label,
                first_stamps=("agenda_at",) if step in self.next_steps(TopicStatus.RAISED) else (),
                refusal=NO_SKIPPING,
            )
            for step in self.steps
        ]
        if self.returned_to is not None:
            after = self.statuses()[self.statuses().index(self.returned_to) + 1 :]
            clears = ("notice_until", "notice_closed_at")
            refusal = _("This resolution is not awaiting the street's review.")
            steps.append(
                Transition(
                    "send_back", after, self.returned_to, "halls.review_topic", clears=clears, refusal=refusal
                )
            )
        return Lifecycle(
            *steps,
            Transition(
                "decline",
                OPEN_TOPIC_STATUSES,
                TopicStatus.DECLINED,
                MODERATE,
                needs_note=True,
                refusal=_("Only an open topic can be declined."),
            ),
            Transition(
                "merge",
                OPEN_TOPIC_STATUSES,
                TopicStatus.MERGED,
                MODERATE,
                refusal=_("Only an open topic can be merged."),
            ),
            note_error=_("Declining a topic needs a public reason."),
        )


MODERATE = "halls.moderate_topic"
NO_SKIPPING = _("A topic in “%(current)s” cannot move to “%(target)s”: no step may be skipped.")


# 四议两公开: proposal → deliberation → review → resolution; publish the resolution, publish the result.
FOUR_AND_TWO = Procedure(
    code="four_and_two",
    label=_("Four deliberations, two publications (四议两公开)"),
    steps=(
        Step(TopicStatus.PROPOSAL),
        Step(TopicStatus.DELIBERATION),
        Step(TopicStatus.REVIEW),
        Step(TopicStatus.RESOLUTION, needs_approved_vote=True),
        Step(TopicStatus.RESOLUTION_PUBLIC, opens_public_notice=True),
        Step(TopicStatus.RESULT_PUBLIC, waits_for_public_notice=True, waits_for_implementation=True),
    ),
    returned_to=TopicStatus.REVIEW,
)

PROCEDURES = {procedure.code: procedure for procedure in (FOUR_AND_TWO,)}
PROCEDURE_CHOICES = [(code, procedure.label) for code, procedure in PROCEDURES.items()]

OPEN_TOPIC_STATUSES = frozenset(
    {TopicStatus.RAISED, TopicStatus.PROPOSAL, TopicStatus.DELIBERATION, TopicStatus.REVIEW}
)
CLOSED_TOPIC_STATUSES = frozenset({TopicStatus.DECLINED, TopicStatus.MERGED, TopicStatus.RESULT_PUBLIC})
RESOLVED_TOPIC_STATUSES = frozenset(
    {TopicStatus.RESOLUTION, TopicStatus.RESOLUTION_PUBLIC, TopicStatus.RESULT_PUBLIC}
)
