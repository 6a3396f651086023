"""Queueing a task by its name once the transaction commits: services name the tasks they queue
and never import them, so tasks import services and not the reverse."""

from celery import current_app
from django.db import transaction


def queue_on_commit(task: str, *args) -> None:
    """A queue that cannot be reached loses no step: each is announced again by its beat task."""
    transaction.on_commit(lambda: current_app.signature(task, args=args).delay(), robust=True)
