"""The statement that reads a person's roles on every request is written once per database: it reads
what the ORM's query reads, for the person and the time it is run with."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from apps.access import scopes
from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency
from apps.places.models import Place, PlaceKind
from tests.factories import UserFactory


def test_the_kept_statement_reads_what_the_query_reads_for_each_person_and_time(world):
    now = timezone.now()
    person = UserFactory()
    household, other = world.households(world.community_a1)[:2]
    building = Place.objects.get(kind=PlaceKind.BUILDING, path__startswith=world.community_a1.path)
    RoleAssignment.objects.create(user=person, role=Role.RESIDENT, place=household)
    RoleAssignment.objects.create(  # over tomorrow
        user=person, role=Role.BUILDING_HEAD, place=building, valid_until=now + timedelta(days=1)
    )
    RoleAssignment.objects.create(  # from next week
        user=person, role=Role.GRID_WORKER, place=world.community_a1, valid_from=now + timedelta(days=7)
    )
    Residency.objects.create(user=person, household=other, relation="tenant", status="claimed")
    people = [person, world.staff_a1, world.property_a1, world.department_staff_a, UserFactory()]
    for moment in (now + timedelta(minutes=1), now + timedelta(days=2), now + timedelta(days=8)):
        with time_machine.travel(moment, tick=False):
            for someone in people:
                expected = list(scopes._held(someone, timezone.now()))
                assert sorted(scopes._held_rows(someone), key=str) == sorted(expected, key=str)
    with time_machine.travel(now + timedelta(days=2)):
        assert set(scopes._load(person).roles()) == {Role.RESIDENT, "applicant"}
    with time_machine.travel(now + timedelta(days=8)):
        assert set(scopes._load(person).roles()) == {Role.RESIDENT, Role.GRID_WORKER, "applicant"}
