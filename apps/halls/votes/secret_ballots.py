"""Secret ballots: cast beside the roll into a mixing pool, moved out in shuffled batches, rewritten at close.

A ballot and its roll entry are written by one transaction, so on PostgreSQL they share its id
(`xmin`) and lie in their tables in the same order. The ballot therefore only waits in the pool
(`WaitingBallot`): another transaction moves it to `SecretBallot` once HALLS_SECRET_BALLOT_MIX
ballots wait, shuffled among them under new ids, and closing rewrites all the vote's secret
ballots in one more shuffled order, so that no row's transaction, place or id follows the roll.
"""

import random
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Sum

from apps.core.queue import queue_on_commit

from ..models import Elector, RollEntry, SecretBallot, Vote, WaitingBallot
from ..models.votes import Rule

shuffle = random.SystemRandom().shuffle


def secret_ballot_cast(
    *, vote: Vote, elector: Elector, positions, channel, cast_by=None, entered_by=None, paper=None
):
    """The roll entry first: a second one for the elector breaks the unique constraint and the
    transaction, so no second ballot is ever written. The floor area is kept only where the rule
    weighs by it."""
    RollEntry.objects.create(
        vote=vote, elector=elector, channel=channel, cast_by=cast_by, entered_by=entered_by
    )
    area = elector.area if vote.rule == Rule.OWNERS else None
    WaitingBallot.objects.create(vote=vote, choices=positions, area=area, paper=paper or "")
    queue_on_commit("apps.halls.tasks.mix_secret_ballots", vote.pk)


def ballots_mix(*, vote_id: int) -> int:
    """Move the waiting ballots of a vote once at least HALLS_SECRET_BALLOT_MIX wait; the number moved.
    Rows another mixer holds are skipped, so two mixers never move the same ballot."""
    with transaction.atomic():
        waiting = list(WaitingBallot.objects.select_for_update(skip_locked=True).filter(vote_id=vote_id))
        if len(waiting) < max(settings.HALLS_SECRET_BALLOT_MIX, 1):
            return 0
        _rewrite(vote_id, waiting)
        WaitingBallot.objects.filter(pk__in=[ballot.pk for ballot in waiting]).delete()
    return len(waiting)


def ballots_seal(*, vote_id: int) -> int:
    """At close, under the vote's lock: every ballot still waiting and every secret ballot of the vote
    written again in one shuffled order under new ids; the number of secret ballots."""
    waiting = list(WaitingBallot.objects.select_for_update().filter(vote_id=vote_id))
    moved = list(SecretBallot.objects.filter(vote_id=vote_id))
    SecretBallot.objects.filter(vote_id=vote_id).delete()
    WaitingBallot.objects.filter(vote_id=vote_id).delete()
    _rewrite(vote_id, waiting + moved)
    queue_on_commit("apps.halls.tasks.vacuum_secret_ballots")
    return len(waiting) + len(moved)


def roll_of(vote: Vote) -> tuple[int, Decimal | None]:
    """How many electors are on the roll of a secret vote, and their floor area."""
    roll = RollEntry.objects.filter(vote=vote).aggregate(count=Count("pk"), area=Sum("elector__area"))
    return roll["count"], roll["area"]


def tables_vacuum(*models) -> None:
    """On PostgreSQL, VACUUM the tables so that the dead rows a move leaves behind (with their
    transaction ids and places) are cleared now rather than by autovacuum later. VACUUM cannot run
    inside a transaction: there it is left to autovacuum."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def _rewrite(vote_id: int, ballots: list) -> None:
    shuffle(ballots)
    SecretBallot.objects.bulk_create(
        (SecretBallot(vote_id=vote_id, choices=b.choices, area=b.area, paper=b.paper) for b in ballots),
        batch_size=2000,
    )
