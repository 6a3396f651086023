"""A named ballot cast online in one statement: who may cast for which elector (the electorate frozen
at opening, then the proxies held), whether the choices are the vote's options, whether the vote is
open, and the ballot itself, inserted or changed by the person who cast it.

The statement writes nothing when any of these fails; the caller then asks the same questions one
by one to say why (services.ballot_cast). On PostgreSQL the vote's row is read FOR KEY SHARE, so a
closing (FOR UPDATE) waits for the ballots already being cast and those cast after it see the vote
closed; one ballot per elector is the unique constraint the INSERT's ON CONFLICT decides on. Outside
a transaction the statement is its own, committed at once.
"""

from django.db import connection
from django.utils import timezone

from ..models import Ballot, Option, Proxy, Vote, Voter
from ..models.votes import Channel


def named_ballot_cast(*, vote: Vote, user, positions: list[int], elector_id: int | None) -> int | None:
    """The id of the ballot cast or changed, or None when nothing was written."""
    quote = connection.ops.quote_name
    ballot, option, voter, proxy = (quote(m._meta.db_table) for m in (Ballot, Option, Voter, Proxy))
    choices = Ballot._meta.get_field("choices").get_db_prep_value(positions, connection)
    now = Ballot._meta.get_field("cast_at").get_db_prep_value(timezone.now(), connection)
    chosen = "" if elector_id is None else "AND e.elector_id = %(elector)s"
    lock = "FOR KEY SHARE OF v" if connection.vendor == "postgresql" else ""
    options = ", ".join(f"%(option{i})s" for i in range(len(positions)))
    sql = (
        f"INSERT INTO {ballot} (vote_id, elector_id, choices, channel, cast_by_id, paper, cast_at) "
        "SELECT v.id, e.elector_id, %(choices)s, e.channel, %(user)s, '', %(now)s "
        f"FROM {quote(Vote._meta.db_table)} v, ("
        f"  SELECT elector_id, %(online)s AS channel, 0 AS rank FROM {voter} "
        "   WHERE vote_id = %(vote)s AND user_id = %(user)s"
        f"  UNION ALL SELECT elector_id, %(proxy)s, 1 FROM {proxy} "
        "   WHERE vote_id = %(vote)s AND holder_id = %(user)s"
        ") e "
        "WHERE v.id = %(vote)s AND v.status = %(open)s AND v.opens_at <= %(now)s AND %(now)s < v.closes_at "
        f"{chosen} AND (SELECT COUNT(*) FROM {option} o "
        f"  WHERE o.vote_id = v.id AND o.position IN ({options})) = %(count)s "
        f"ORDER BY e.rank, e.elector_id LIMIT 1 {lock} "
        "ON CONFLICT (vote_id, elector_id) DO UPDATE SET choices = excluded.choices, "
        f"changed_at = excluded.cast_at WHERE {ballot}.cast_by_id = excluded.cast_by_id RETURNING id"
    )
    parameters = {
        "choices": choices,
        "user": user.pk,
        "now": now,
        "vote": vote.pk,
        "elector": elector_id,
        "online": Channel.ONLINE,
        "proxy": Channel.PROXY,
        "open": Vote.Status.OPEN,
        "count": len(positions),
        **{f"option{i}": position for i, position in enumerate(positions)},
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        row = cursor.fetchone()
    return row[0] if row else None
