"""The cache entries a page reads in several parts (its view, other apps' template tags), fetched in
one round trip: each part still reads its own key through `cache_get`, and on a miss reads the
database and sets the entry as before.

Apps say which entries a page reads, for a person, in their `ready()`: `page_reads("home", key_of)`.
"""

from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

_keys_of: dict[str, list[Callable]] = defaultdict(list)
_read: ContextVar[dict | None] = ContextVar("readahead", default=None)
_MISSING = object()


def page_reads(page: str, key_of: Callable) -> None:
    """`page` reads the cache entry `key_of(user)`."""
    _keys_of[page].append(key_of)


@contextmanager
def read_ahead(page: str, user):
    """While inside, `cache_get` answers from one read of every entry `page` reads for `user`."""
    keys = [key_of(user) for key_of in _keys_of[page]]
    found = cache.get_many(keys) if keys else {}
    token = _read.set({key: found.get(key, _MISSING) for key in keys})
    try:
        yield
    finally:
        _read.reset(token)


def cache_get(key: str):
    """`cache.get(key)`, answered once from what was read ahead when it was."""
    read = _read.get()
    if read is None or key not in read:
        return cache.get(key)
    value = read.pop(key)
    return None if value is _MISSING else value
