"""Reads for a vote's page and ballot: its electors, whom a person may vote for, its result."""

from dataclasses import dataclass
from functools import cache

from django.db import router
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from apps.core.statements import KeptStatement, statement_kept
from apps.places.models import Place

from ..models import Ballot, Elector, Hall, Option, Proxy, Result, RollEntry, Topic, Vote, Voter
from ..models.votes import Channel
from .tally import CONDITIONS, conditions

IDS = range(1, 2**63)  # a vote's id is a bigint


def topic_votes(topic: Topic) -> list[Vote]:
    return list(topic.votes.select_related("result").order_by("-opens_at"))


def votes_for_page() -> QuerySet[Vote]:
    return Vote.objects.select_related("hall__place", "scope", "result", "topic").prefetch_related(
        Prefetch("options")
    )


_ANY_VOTE_ID = -7_654_321
_VOTE_FIELDS = tuple(field.attname for field in Vote._meta.concrete_fields)


@cache
def _vote_to_cast_on_statement(alias: str) -> KeptStatement:
    read = Vote.objects.filter(pk=_ANY_VOTE_ID).values_list(
        *_VOTE_FIELDS, "hall__place_id", "hall__place__path"
    )
    return statement_kept(read, alias, vote=_ANY_VOTE_ID)


def vote_to_cast_on(pk: int) -> Vote | None:
    """A vote as casting reads it, by a kept statement: its own row and the path of its hall's place,
    which the permission asks (its options are checked by the ballot's statement)."""
    if pk not in IDS:
        return None
    alias = router.db_for_read(Vote)
    rows = _vote_to_cast_on_statement(alias).rows(vote=pk)
    if not rows:
        return None
    *own, place_id, path = rows[0]
    vote = Vote.from_db(alias, _VOTE_FIELDS, own)
    hall = Hall.from_db(alias, ("id", "place_id"), (vote.hall_id, place_id))
    hall.place = Place.from_db(alias, ("id", "path"), (place_id, path))
    vote.hall = hall
    return vote


def electors_yet_to_vote(vote: Vote) -> QuerySet[Elector]:
    """The vote's electors with no ballot yet (for a secret vote: not on its roll)."""
    table = RollEntry if vote.secret else Ballot
    voted = table.objects.filter(vote=vote, elector=OuterRef("pk"))
    return Elector.objects.filter(vote=vote).exclude(Exists(voted))


def electors_of(vote: Vote, user) -> list[tuple[Elector, str]]:
    """Whom the person may cast for: their own electors (frozen at opening) first, then those whose
    proxy they hold; one query."""
    own = Voter.objects.filter(vote=vote, user_id=user.pk)
    proxied = Proxy.objects.filter(vote=vote, holder_id=user.pk)
    found = (
        Elector.objects.filter(vote=vote, pk__in=own.values("elector").union(proxied.values("elector")))
        .annotate(own=Exists(own.filter(elector=OuterRef("pk"))))
        .order_by("-own", "pk")
    )
    return [(e, Channel.ONLINE if e.own else Channel.PROXY) for e in found]


@dataclass(frozen=True)
class Eligibility:
    elector: Elector
    by_proxy: bool
    voted: bool
    choices: list[int] | None  # a named ballot's current choices


def eligibility(vote: Vote, user) -> list[Eligibility]:
    """Whom the person may vote for, and whether each has voted: two queries."""
    electors = electors_of(vote, user)
    if not electors:
        return []
    ids = [e.pk for e, _channel in electors]
    if vote.secret:
        roll = RollEntry.objects.filter(vote=vote, elector_id__in=ids)
        voted = dict.fromkeys(roll.values_list("elector_id", flat=True))
    else:
        voted = dict(
            Ballot.objects.filter(vote=vote, elector_id__in=ids).values_list("elector_id", "choices")
        )
    return [
        Eligibility(e, channel == Channel.PROXY, e.pk in voted, voted.get(e.pk)) for e, channel in electors
    ]


@dataclass(frozen=True)
class VoteResult:
    result: Result
    tallies: list[tuple[Option, dict]]
    failed: list[str]


def vote_result(vote: Vote) -> VoteResult | None:
    """The stored result of a closed vote, each option with its tally and the conditions not met (no
    tallies when it is withheld); None while the vote is open (results stay hidden until close)."""
    result = getattr(vote, "result", None) if vote.status == Vote.Status.CLOSED else None
    if result is None:
        return None
    options = list(vote.options.all())
    return VoteResult(
        result=result,
        tallies=[(o, result.tallies[str(o.position)]) for o in options] if result.published else [],
        failed=[CONDITIONS[code] for code in result.failed],
    )


def vote_conditions(vote: Vote) -> list[str]:
    """What the vote must meet to pass, in plain words (the rule the count applies)."""
    return [CONDITIONS[name] for name in conditions(rule=vote.rule, kind=vote.kind, weighty=vote.weighty)]
