"""Telling the followers of a topic, after the transaction commits."""

from functools import partial

from django.db import transaction


def tell_followers(*, topic, key: str, title: str) -> None:
    from ..tasks import notify_followers

    transaction.on_commit(partial(notify_followers.delay, topic.pk, key, str(title)), robust=True)
