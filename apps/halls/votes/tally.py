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

from ..models.votes import Kind, Option, Rule

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
    else:
        in_favour = {"count": 0, "area": ZERO}
    required = conditions(rule=rule, kind=kind, weighty=weighty)
    outcome.failed = [name for name in required if not _MET[name](outcome, in_favour)]
    if kind == Kind.APPROVAL:
        outcome.approved = not outcome.failed
    return outcome


def conditions(*, rule: str, kind: str, weighty: bool) -> list[str]:
    """What a vote must meet to pass (keys of CONDITIONS), in the order they are read out."""
    if kind != Kind.APPROVAL:
        return ["quorum"]
    if rule != Rule.OWNERS:
        return ["quorum", "approval"]
    approval = (
        ["weighty_approval_area", "weighty_approval_owners"]
        if weighty
        else ["approval_area", "approval_owners"]
    )
    return ["participation_area", "participation_owners", *approval]


_MET = {
    "quorum": lambda o, f: 2 * o.participants > o.electorate,
    "approval": lambda o, f: 2 * f["count"] > o.participants,
    "participation_area": lambda o, f: 3 * o.participating_area >= 2 * o.electorate_area,
    "participation_owners": lambda o, f: 3 * o.participants >= 2 * o.electorate,
    "approval_area": lambda o, f: 2 * f["area"] > o.participating_area,
    "approval_owners": lambda o, f: 2 * f["count"] > o.participants,
    "weighty_approval_area": lambda o, f: bool(o.participants) and 4 * f["area"] >= 3 * o.participating_area,
    "weighty_approval_owners": lambda o, f: bool(o.participants) and 4 * f["count"] >= 3 * o.participants,
}
