"""
Each hall's version: a token in the cache, replaced whenever anything its pages show changes.

Rendered pages are stored under the version (apps/halls/rendered.py), so a change needs no list of
what to forget. Saving or deleting any of the models below (follows too: the topic page keeps who
follows it) replaces the version at once and again when the transaction commits: a page rendered in
between from data not yet committed is stored under a version no one asks for afterwards. Services
that change these rows with a bulk `update()` call `hall_changed` themselves.
"""

import secrets
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import (
    Comment,
    CoSignature,
    Follow,
    Meeting,
    Objection,
    Result,
    Review,
    Task,
    TaskRating,
    TaskUpdate,
    Topic,
    Vote,
)

# How each model reaches its hall's id.
HALL_OF = {
    Topic: "hall_id",
    Vote: "hall_id",
    Meeting: "hall_id",
    Comment: "topic.hall_id",
    Follow: "topic.hall_id",
    CoSignature: "topic.hall_id",
    Objection: "topic.hall_id",
    Review: "topic.hall_id",
    Task: "topic.hall_id",
    TaskUpdate: "task.topic.hall_id",
    TaskRating: "task.topic.hall_id",
    Result: "vote.hall_id",
}


# Versions outlive what is kept under them (apps/halls/rendered.py keeps parts for a minute); one
# that lapses only makes the pages render afresh.
VERSION_SECONDS = 24 * 60 * 60


def _key(hall_id: int) -> str:
    return f"halls:version:{hall_id}"


def topic_card_key(topic_id: int) -> str:
    return f"halls:topic-card:{topic_id}"


def hall_version(hall_id: int) -> str | None:
    """The hall's current version; None when the cache cannot keep one (then nothing is stored)."""
    version = cache.get(_key(hall_id))
    if version is None:
        cache.add(_key(hall_id), secrets.token_hex(8), VERSION_SECONDS)
        version = cache.get(_key(hall_id))
    return version


def hall_changed(hall_id: int) -> None:
    cache.set(_key(hall_id), secrets.token_hex(8), VERSION_SECONDS)
    transaction.on_commit(partial(cache.set, _key(hall_id), secrets.token_hex(8), VERSION_SECONDS))


def _hall_id(instance, path: str) -> int | None:
    value = instance
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _changed(sender, instance, **kwargs) -> None:
    if sender is Topic:  # its hall may have been changed in the admin
        cache.delete(topic_card_key(instance.pk))
    hall_id = _hall_id(instance, HALL_OF[sender])
    if hall_id is not None:
        hall_changed(hall_id)


def connect() -> None:
    for model in HALL_OF:
        post_save.connect(_changed, sender=model, dispatch_uid=f"halls-version-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"halls-version-{model.__name__}-delete")
