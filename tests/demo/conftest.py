"""A demo street built once for a module's tests: seeding takes tens of seconds, and each test runs in a
savepoint of the module's transaction, so what one test changes the next does not see."""

from collections.abc import Callable
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def seed_small() -> None:
    call_command("seed_demo", "--small", stdout=StringIO())


@contextmanager
def built_for_the_module(django_db_blocker, media_root, build: Callable[[], object] = seed_small):
    """Build in a transaction rolled back when the module's tests are done; yields what `build` returns."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
