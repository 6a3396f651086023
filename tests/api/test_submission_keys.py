"""A submission key makes one object, even when the retries race the first request (PostgreSQL),
and a failed first attempt leaves the key free."""

import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from apps.access.roles import Role
from apps.api.services import submitted_once
from apps.halls.models import Topic
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from tests.factories import person_with_role

THREADS = 8


@pytest.fixture
def resident(world):
    return person_with_role(Role.RESIDENT, place=world.households(world.community_a1)[0])


def raise_once(hall, person, key):
    return submitted_once(
        user=person,
        key=key,
        model=Topic,
        make=lambda: topic_raise(hall=hall, user=person, title="修缮单元门", body="……"),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
def test_racing_retries_with_one_key_raise_one_topic(transactional_db, world, resident):
    hall, key = hall_for(world.community_a1), uuid.uuid4()
    barrier = threading.Barrier(THREADS)
    made = []

    def submit():
        try:
            barrier.wait()
            made.append(raise_once(hall, resident, key).pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Topic.objects.count() == 1
    assert made == [Topic.objects.get().pk] * THREADS


def test_a_refused_first_attempt_leaves_the_key_free(world, resident):
    hall, key = hall_for(world.community_a1), uuid.uuid4()
    with pytest.raises(PermissionDenied):
        raise_once(hall, world.property_a1, key)
    assert raise_once(hall, resident, key).raised_by == resident
    assert Topic.objects.count() == 1
