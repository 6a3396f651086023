from datetime import timedelta

import pytest
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.halls.services import hall_for
from apps.halls.votes.services import vote_create, vote_open
from tests.factories import UserFactory

from .resolution_fixtures import published, resolution, task  # noqa: F401  (resolutions, notices, tasks)


@pytest.fixture
def hall(world):
    return hall_for(world.community_a1)


@pytest.fixture
def residents(world):
    """One verified resident in each household of community 甲1 (88.50 m² and 95.00 m²)."""
    people = []
    for number, household in enumerate(world.households(world.community_a1), 1):
        person = UserFactory(display_name=f"甲一住户{number}")
        role_grant(user=person, role=Role.RESIDENT, place=household)
        people.append(person)
    return people


def secret_ballots_of(vote) -> int:
    """A secret vote's ballots, in the mixing pool or moved out of it."""
    from apps.halls.models import SecretBallot, WaitingBallot

    return WaitingBallot.objects.filter(vote=vote).count() + SecretBallot.objects.filter(vote=vote).count()


def resident_of(household, name="同户家人"):
    person = UserFactory(display_name=name)
    role_grant(user=person, role=Role.RESIDENT, place=household)
    return person


@pytest.fixture
def open_vote(world, hall, residents):
    def make(rule="household", *, opened=True, **fields):
        now = timezone.now()
        fields.setdefault("opens_at", now)
        fields.setdefault("closes_at", now + timedelta(days=7))
        vote = vote_create(hall=hall, by=world.staff_a1, title="更换单元门", rule=rule, **fields)
        return vote_open(vote=vote, by=world.staff_a1) if opened else vote

    return make


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Refusals are matched by their English msgids here; the Chinese catalogue is checked elsewhere."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def meeting(world, hall):
    """A meeting of hall 甲1 called by its staff, starting in half an hour (so it may be opened now)."""
    from apps.halls.meetings.services import meeting_schedule
    from apps.halls.models import Meeting

    def make(**fields):
        fields.setdefault("starts_at", timezone.now() + timedelta(minutes=30))
        fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=2))
        fields.setdefault("venue", "社区活动室")
        fields.setdefault("title", "居民议事会")
        return meeting_schedule(meeting=Meeting(hall=hall, **fields), by=world.staff_a1)

    return make
