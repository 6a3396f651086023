"""
Each hall's version: a token in the cache, replaced once the transaction of a service that changes
what the hall's pages show commits (`hall_changed`). What the pages keep is kept under the version
(apps/halls/pages.py), so a change needs no list of what to forget, and a bulk `update()` is no
different from a save. What the pages keep lives at most `KEPT_SECONDS`, which bounds what only the
clock changes (a notice ending, a task falling overdue, a vote reaching its closing time) and what
changes without a service (an edit by hand in the database).
"""

import secrets
from functools import partial

from django.core.cache import cache
from django.db import transaction

KEPT_SECONDS = 60
# Versions outlive what is kept under them; one that lapses only makes the pages read afresh.
VERSION_SECONDS = 24 * 60 * 60


def _key(hall_id: int) -> str:
    return f"halls:version:{hall_id}"


def hall_version(hall_id: int) -> str | None:
    """The hall's current version; None when the cache cannot keep one (then nothing is kept)."""
    version = cache.get(_key(hall_id))
    if version is None:
        cache.add(_key(hall_id), secrets.token_hex(8), VERSION_SECONDS)
        version = cache.get(_key(hall_id))
    return version


def kept(hall_id: int, key: str) -> tuple[str | None, object]:
    """The hall's version and what is kept at `key` under it, read together in one round trip; None
    for what was kept under an earlier version (or nothing)."""
    found = cache.get_many([_key(hall_id), key])
    version = found.get(_key(hall_id)) or hall_version(hall_id)
    entry = found.get(key)
    return version, entry[1] if entry and version and entry[0] == version else None


def keep(version: str | None, key: str, value) -> None:
    """Keep `value` at `key` under the version read before the database was."""
    if version:
        cache.set(key, (version, value), KEPT_SECONDS)


def hall_changed(hall_id: int) -> None:
    """The hall's pages read afresh once this transaction commits. Readers read the version before the
    database, so one who read the data before the commit kept it under the version being replaced."""
    transaction.on_commit(partial(_replace, hall_id))


def _replace(hall_id: int) -> None:
    cache.set(_key(hall_id), secrets.token_hex(8), VERSION_SECONDS)
