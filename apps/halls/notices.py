"""Telling people of a hall's steps, after the transaction commits.

Notices are composed here, in the site's language, whoever acted: people have no language of
their own yet, so the title and body come as functions, called under the site's language."""

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import override

from apps.core.queue import queue_on_commit

Text = Callable[[], str]


def tell_followers(*, topic, key: str, title: Text, actor=None) -> None:
    """Tell the topic's followers, but not the one who acted, of what they did."""
    with override(settings.LANGUAGE_CODE):
        words = str(title())
    queue_on_commit("apps.halls.tasks.notify_followers", topic.pk, key, words, getattr(actor, "pk", None))


def tell(*, user_ids, key: str, title: Text, url: str, body: Text | None = None) -> None:
    """Tell these people once per `key`, after the transaction commits."""
    ids = sorted({pk for pk in user_ids if pk})
    if not ids:
        return
    with override(settings.LANGUAGE_CODE):
        words, more = str(title()), str(body()) if body else ""
    queue_on_commit("apps.halls.tasks.notify_people", ids, key, words, url, more)
