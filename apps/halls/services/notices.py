"""Telling the followers of a topic, after the transaction commits."""

from apps.core.queue import queue_on_commit


def tell_followers(*, topic, key: str, title: str) -> None:
    queue_on_commit("apps.halls.tasks.notify_followers", topic.pk, key, str(title))


def tell(*, user_ids, key: str, title: str, url: str, body: str = "") -> None:
    """Tell these people once per `key`, after the transaction commits."""
    ids = sorted({pk for pk in user_ids if pk})
    if ids:
        queue_on_commit("apps.halls.tasks.notify_people", ids, key, str(title), url, str(body))
