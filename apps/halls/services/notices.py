"""Telling the followers of a topic, after the transaction commits."""

from functools import partial

from django.db import transaction


def tell_followers(*, topic, key: str, title: str) -> None:
    from ..tasks import notify_followers

    transaction.on_commit(partial(notify_followers.delay, topic.pk, key, str(title)), robust=True)


def tell(*, user_ids, key: str, title: str, url: str, body: str = "") -> None:
    """Tell these people once per `key`, after the transaction commits."""
    from ..tasks import notify_people

    ids = sorted({pk for pk in user_ids if pk})
    if ids:
        transaction.on_commit(partial(notify_people.delay, ids, key, str(title), url, str(body)), robust=True)
