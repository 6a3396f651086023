"""Many people taking the last place of a meeting at the same moment: exactly one gets it (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from apps.halls.models import Meeting, Registration
from apps.halls.services.halls import hall_for
from apps.halls.services.meetings import registration_cancel, registration_create

from .conftest import resident_of

THREADS = 10

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def all_at_once(people, action):
    barrier = threading.Barrier(len(people))
    outcomes = []

    def run(person):
        try:
            barrier.wait()
            outcomes.append(action(person))
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def crowd(transactional_db, world):
    household = world.households(world.community_a1)[0]
    return [resident_of(household, f"居民{i}") for i in range(THREADS)]


def a_meeting(world, **fields):
    start = timezone.now() + timedelta(hours=2)
    return Meeting.objects.create(
        hall=hall_for(world.community_a1),
        title="加装电梯议事会",
        venue="活动室",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_by=world.staff_a1,
        **fields,
    )


def test_the_last_place_taken_by_many_at_once_goes_to_exactly_one(world, crowd):
    meeting = a_meeting(world, capacity=1, waitlist=False)
    outcomes = all_at_once(crowd, lambda person: registration_create(meeting=meeting, user=person).status)
    assert outcomes.count("confirmed") == 1 and outcomes.count("refused") == THREADS - 1
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_with_a_waitlist_one_gets_the_place_and_the_others_wait_in_order(world, crowd):
    meeting = a_meeting(world, capacity=1)
    all_at_once(crowd, lambda person: registration_create(meeting=meeting, user=person).status)
    statuses = list(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses.count("confirmed") == 1 and statuses.count("waitlisted") == THREADS - 1
    holder = Registration.objects.get(meeting=meeting, status="confirmed")
    first_waiting = Registration.objects.filter(meeting=meeting, status="waitlisted").order_by(
        "queued_at", "pk"
    )[0]
    assert registration_cancel(meeting=meeting, user=holder.user) == first_waiting
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 1
