"""Reads on a streaming replica (`DATABASE_REPLICA_URL`), with read-your-writes.

Only views that ask for it read from the `replica` alias (`reads_from_replica`, `replica_reads`):
the oversight pages, the exports and the API lists. Everything else, and every write, uses the
primary. A request reads from the primary instead when the person sent a form or an API write in
the last `REPLICA_PIN_SECONDS` (a signed cookie set on every unsafe request), when the replica has
fallen more than `REPLICA_MAX_LAG_SECONDS` behind, or when it cannot be reached (then it is not
asked again for `REPLICA_RETRY_SECONDS`). Without a replica configured nothing here runs."""

import logging
import math
import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, Error, connections

REPLICA = "replica"
PIN_COOKIE = "gz_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# behind: WAL received but not yet replayed; then the lag is the age of the last transaction replayed
LAG = """
    SELECT pg_is_in_recovery() AND pg_last_wal_receive_lsn() IS DISTINCT FROM pg_last_wal_replay_lsn(),
           EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
"""

logger = logging.getLogger(__name__)
_reading: ContextVar[bool] = ContextVar("replica_reading", default=False)
_unreachable_until = [0.0]


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None


@contextmanager
def replica_reads(request):
    """Reads inside the block go to the replica when it may serve this request."""
    may = configured() and request.method in SAFE_METHODS and not pinned(request)
    token = _reading.set(may and current())
    try:
        yield
    finally:
        _reading.reset(token)


def reads_from_replica(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with replica_reads(request):
            return view(request, *args, **kwargs)

    return wrapper


def pinned(request) -> bool:
    """Whether this person wrote moments ago and must read what they wrote."""
    return (
        request.get_signed_cookie(
            PIN_COOKIE, default=None, salt=PIN_COOKIE, max_age=settings.REPLICA_PIN_SECONDS
        )
        is not None
    )


def current() -> bool:
    """The replica answers and is at most `REPLICA_MAX_LAG_SECONDS` behind the primary."""
    if time.monotonic() < _unreachable_until[0]:
        return False
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG)
            behind, seconds = cursor.fetchone()
    except Error:
        logger.warning("replica unreachable: reads go to the primary", exc_info=True)
        _unreachable_until[0] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        with suppress(Error):
            connections[REPLICA].close()
        return False
    lag = (math.inf if seconds is None else float(seconds)) if behind else 0.0
    return lag <= settings.REPLICA_MAX_LAG_SECONDS


def writers_on_primary(get_response):
    """Pins whoever sends an unsafe request to the primary for `REPLICA_PIN_SECONDS`."""
    if not configured():
        raise MiddlewareNotUsed

    def middleware(request):
        response = get_response(request)
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_COOKIE,
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    return middleware
