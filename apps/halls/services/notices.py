"""Telling the followers of a topic, after the transaction commits."""

from functools import partial

from django.db import transaction


def tell_followers(*, topic, key: str, title: str) -> None:
    from ..tasks import notify_followers

    transaction.on_commit(partial(notify_followers.delay, topic.pk, key, str(title)), robust=True)


def tell_people(*, user_ids, key: str, title: str, url: str) -> None:
    """Tell these people once the transaction commits; `key` names the occasion, so once each."""
    from ..tasks import notify_people

    ids = sorted({pk for pk in user_ids if pk})
    if ids:
        transaction.on_commit(partial(notify_people.delay, ids, key, str(title), url), robust=True)
