"""Reads about notices."""

from django.core.cache import cache

from apps.core.forgetting import forget_now_and_on_commit
from apps.core.readahead import cache_get

from .models import Notification

UNREAD_TTL = 300  # a safety net: every service that adds or reads notices forgets the count


def unread_count(*, user) -> int:
    """How many notices the person has not read: kept in the cache until they are told something
    new or read them."""
    count = cache_get(unread_key(user.pk))
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(unread_key(user.pk), count, UNREAD_TTL)
    return count


def unread_forget(user_id: int) -> None:
    forget_now_and_on_commit(unread_key(user_id))


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"
