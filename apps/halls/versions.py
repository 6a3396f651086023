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

from apps.core.forgetting import forget_now_and_on_commit

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


def kept(hall_id: int, *keys: str) -> tuple[str | None, dict]:
    """The hall's version and what is kept at `keys` under it, read together in one round trip; what
    was kept under an earlier version (or nothing) is left out."""
    found = cache.get_many([_key(hall_id), *keys])
    version = found.get(_key(hall_id)) or hall_version(hall_id)
    return version, _current(version, found, keys)


def kept_under(version: str | None, *keys: str) -> dict:
    """What is kept at `keys` under `version`, read in one round trip."""
    return _current(version, cache.get_many(keys), keys) if version and keys else {}


def _current(version: str | None, found: dict, keys) -> dict:
    entries = ((key, found.get(key)) for key in keys)
    return {key: entry[1] for key, entry in entries if entry and version and entry[0] == version}


def keep(version: str | None, key: str, value) -> None:
    """Keep `value` at `key` under the version read before the database was."""
    if version:
        cache.set(key, (version, value), KEPT_SECONDS)


def standing_key(topic_id: int, user_id: int) -> str:
    """Where a person's standing on a topic is kept (apps/halls/pages.py)."""
    return f"halls:standing:{topic_id}:{user_id}"


def standing_changed(topic_id: int, user_id: int) -> None:
    """What one person did that only their own page shows (following a topic)."""
    forget_now_and_on_commit(standing_key(topic_id, user_id))


def hall_changed(hall_id: int) -> None:
    """The hall's pages read afresh once this transaction commits. Readers read the version before the
    database, so one who read the data before the commit kept it under the version being replaced."""
    transaction.on_commit(partial(_replace, hall_id))


def _replace(hall_id: int) -> None:
    cache.set(_key(hall_id), secrets.token_hex(8), VERSION_SECONDS)
