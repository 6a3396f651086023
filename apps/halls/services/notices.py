"""Telling people of a hall's steps, after the transaction commits.

Notices are composed here, in the site's language, whoever acted: people have no language of
their own yet, so the title and body come as functions, called under the site's language."""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils.translation import override

Text = Callable[[], str]


def tell_followers(*, topic, key: str, title: Text) -> None:
    from ..tasks import notify_followers

    with override(settings.LANGUAGE_CODE):
        words = str(title())
    transaction.on_commit(partial(notify_followers.delay, topic.pk, key, words), robust=True)


def tell(*, user_ids, key: str, title: Text, url: str, body: Text | None = None) -> None:
    """Tell these people once per `key`, after the transaction commits."""
    from ..tasks import notify_people

    ids = sorted({pk for pk in user_ids if pk})
    if not ids:
        return
    with override(settings.LANGUAGE_CODE):
        words, more = str(title()), str(body()) if body else ""
    transaction.on_commit(partial(notify_people.delay, ids, key, words, url, more), robust=True)
