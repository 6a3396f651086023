"""Forgetting a cached read when what it read changes."""

from django.core.cache import cache
from django.db import transaction


def forget_now_and_on_commit(key: str) -> None:
    """Now, and again once committed, in case a visit in between kept what it read before the change."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
