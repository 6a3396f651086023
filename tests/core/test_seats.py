"""Places with a waitlist, as meetings and activities use them; many people taking the last place at
the same moment (PostgreSQL, real threads): exactly one gets it, the others wait in order."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from apps.halls.meetings.services import meeting_update, registration_cancel, registration_create
from apps.halls.models import Meeting
from apps.halls.services import hall_for
from apps.organizations.services.activities import signup_cancel, signup_create
from tests.concurrency import all_at_once
from tests.halls.conftest import resident_of
from tests.organizations.conftest import Club

THREADS = 10

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


class Meetings:
    """A meeting of 甲1's hall, with its registrations as seats."""

    def __init__(self, world):
        self.world = world

    def owner(self, *, capacity, waitlist=True):
        start = timezone.now() + timedelta(hours=2)
        return Meeting.objects.create(
            hall=hall_for(self.world.community_a1),
            title="加装电梯议事会",
            venue="活动室",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            created_by=self.world.staff_a1,
            capacity=capacity,
            waitlist=waitlist,
        )

    def take(self, owner, person):
        return registration_create(meeting=owner, user=person)

    def release(self, owner, seat):
        return registration_cancel(meeting=owner, user=seat.user)

    def seats(self, owner):
        return owner.registrations.all()


class Activities:
    """An activity of 甲1's volunteer team, with its sign-ups as seats."""

    def __init__(self, world):
        self.club = Club(world)

    def owner(self, *, capacity, waitlist=True):
        return self.club.activity(capacity=capacity, waitlist=waitlist)

    def take(self, owner, person):
        return signup_create(activity=owner, user=person)

    def release(self, owner, seat):
        return signup_cancel(signup=seat, user=seat.user)

    def seats(self, owner):
        return owner.signups.all()


@pytest.fixture(params=[Meetings, Activities], ids=["meeting", "activity"])
def places(request, world):
    return request.param(world)


@pytest.fixture
def crowd(world):
    household = world.households(world.community_a1)[0]
    return [resident_of(household, f"居民{i}") for i in range(THREADS)]


def test_past_capacity_a_person_waits_and_without_a_waitlist_is_refused(places, crowd):
    with_waitlist, without = places.owner(capacity=1), places.owner(capacity=1, waitlist=False)
    assert [places.take(with_waitlist, person).status for person in crowd[:2]] == ["confirmed", "waitlisted"]
    places.take(without, crowd[0])
    with pytest.raises(ValidationError, match="满"):
        places.take(without, crowd[1])


def test_a_released_place_goes_to_the_first_waiting(places, crowd):
    owner = places.owner(capacity=1)
    holder, first, second = (places.take(owner, person) for person in crowd[:3])
    assert places.release(owner, holder) == first
    assert sorted(places.seats(owner).values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
        "waitlisted",
    ]
    second.refresh_from_db()
    assert second.status == "waitlisted"


def test_releasing_a_waiting_place_moves_no_one_up(places, crowd):
    owner = places.owner(capacity=1)
    _, first, second = (places.take(owner, person) for person in crowd[:3])
    assert places.release(owner, first) is None
    second.refresh_from_db()
    assert second.status == "waitlisted"


def test_a_raised_capacity_gives_the_new_places_to_the_first_waiting(world, crowd):
    meetings = Meetings(world)
    meeting = meetings.owner(capacity=1)
    seats = [meetings.take(meeting, person) for person in crowd[:4]]
    meeting.capacity = 3
    meeting_update(meeting=meeting, by=world.staff_a1)
    statuses = [seat.status for seat in meetings.seats(meeting).order_by("queued_at", "pk")]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert meetings.seats(meeting).get(status="waitlisted") == seats[3]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_last_place_taken_by_many_at_once_goes_to_one_and_the_others_wait_in_order(places, crowd):
    full, queued = places.owner(capacity=1, waitlist=False), places.owner(capacity=1)
    outcomes = all_at_once(crowd, lambda person: places.take(full, person).status)
    assert outcomes.count("confirmed") == 1 and outcomes.count("refused") == THREADS - 1
    assert places.seats(full).count() == 1

    all_at_once(crowd, lambda person: places.take(queued, person))
    statuses = list(places.seats(queued).values_list("status", flat=True))
    assert statuses.count("confirmed") == 1 and statuses.count("waitlisted") == THREADS - 1
    holder = places.seats(queued).get(status="confirmed")
    first_waiting = places.seats(queued).filter(status="waitlisted").order_by("queued_at", "pk")[0]
    assert places.release(queued, holder) == first_waiting
    assert places.seats(queued).filter(status="confirmed").count() == 1
