"""
Counting: the tallies of a vote and whether it passed, in exact arithmetic.

Civil Code art. 278: owners holding at least 2/3 of the floor area and at least 2/3 of the owners
take part; a matter passes with more than half of the participating area and more than half of
the participating owners, or at least 3/4 of both for the weighty matters (raising the
maintenance fund, rebuilding or renovating, changing the use of common parts). The council and
household rules need more than half of the electorate to take part and more than half of the
participants for. Fractions are compared by cross-multiplying integers and Decimals, never floats.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .models.votes import Kind, Option, Rule

ZERO = Decimal("0")

CONDITIONS = {
    "participation_area": _("Owners holding at least two thirds of the floor area must take part."),
    "participation_owners": _("At least two thirds of the owners must take part."),
    "approval_area": _("More than half of the participating floor area must approve."),
    "approval_owners": _("More than half of the participating owners must approve."),
    "weighty_approval_area": _("At least three quarters of the participating floor area must approve."),
    "weighty_approval_owners": _("At least three quarters of the participating owners must approve."),
    "quorum": _("More than half of the electorate must take part."),
    "approval": _("More than half of the participants must approve."),
}


@dataclass
class Outcome:
    electorate: int
    electorate_area: Decimal
    participants: int = 0
    participating_area: Decimal = ZERO
    tallies: dict[int, dict] = field(default_factory=dict)
    approved: bool | None = None
    failed: list[str] = field(default_factory=list)


def count(
    *,
    rule: str,
    kind: str,
    weighty: bool,
    options: Iterable[tuple[int, str]],
    electorate: int,
    electorate_area: Decimal,
    ballots: Iterable[tuple[list[int], Decimal | None]],
) -> Outcome:
    """`options` are (position, meaning) pairs; `ballots` are (chosen positions, floor area) pairs."""
    outcome = Outcome(electorate=electorate, electorate_area=electorate_area)
    meanings = dict(options)
    outcome.tallies = {position: {"count": 0, "area": ZERO} for position in meanings}
    for chosen, area in ballots:
        area = area or ZERO
        outcome.participants += 1
        outcome.participating_area += area
        for position in chosen:
            outcome.tallies[position]["count"] += 1
            outcome.tallies[position]["area"] += area
    if kind == Kind.APPROVAL:
        in_favour = next(
            (t for p, t in outcome.tallies.items() if meanings[p] == Option.Meaning.FOR),
            {"count": 0, "area": ZERO},
        )
        outcome.failed = _failed(rule, weighty, outcome, in_favour)
        outcome.approved = not outcome.failed
    else:
        outcome.failed = [] if 2 * outcome.participants > electorate else ["quorum"]
    return outcome


def _failed(rule: str, weighty: bool, outcome: Outcome, in_favour: dict) -> list[str]:
    failed = []
    if rule != Rule.OWNERS:
        if not 2 * outcome.participants > outcome.electorate:
            failed.append("quorum")
        if not 2 * in_favour["count"] > outcome.participants:
            failed.append("approval")
        return failed
    if not 3 * outcome.participating_area >= 2 * outcome.electorate_area:
        failed.append("participation_area")
    if not 3 * outcome.participants >= 2 * outcome.electorate:
        failed.append("participation_owners")
    if weighty:
        if not (outcome.participants and 4 * in_favour["area"] >= 3 * outcome.participating_area):
            failed.append("weighty_approval_area")
        if not (outcome.participants and 4 * in_favour["count"] >= 3 * outcome.participants):
            failed.append("weighty_approval_owners")
    else:
        if not 2 * in_favour["area"] > outcome.participating_area:
            failed.append("approval_area")
        if not 2 * in_favour["count"] > outcome.participants:
            failed.append("approval_owners")
    return failed
