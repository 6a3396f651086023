"""Tasks that prove the queue works end to end."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "celery:last-heartbeat"


@shared_task
def heartbeat() -> str:
    """Scheduled by beat every minute; the time of the last beat tells that beat and a worker run."""
    stamp = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, stamp, timeout=None)
    return stamp


@shared_task(ignore_result=False)  # the Celery suite waits for its answer
def ping(value: str) -> str:
    return f"pong:{value}"
