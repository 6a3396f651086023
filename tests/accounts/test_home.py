from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.access.services import role_end, role_grant
from apps.accounts.services import residency_claim, residency_verify
from apps.places.models import Place
from tests.factories import UserFactory, add, person_with_role


def test_my_home_shows_my_household_community_and_roles(client, world):
    person = UserFactory()
    household = world.households(world.community_a1)[0]
    residency_verify(
        residency=residency_claim(user=person, household=household, relation="owner", proof="证"),
        by=world.staff_a1,
    )
    client.force_login(person)
    page = client.get(reverse("accounts:home")).content.decode()
    assert world.community_a1.name in page
    assert household.name in page
    assert "已核实" in page


@pytest.mark.parametrize("extra_households", [0, 30])
def test_my_home_query_count_does_not_grow_with_the_street(
    client, world, django_assert_max_num_queries, extra_households
):
    person = UserFactory()
    unit = Place.objects.get_parent(world.households(world.community_a1)[0])
    for n in range(extra_households):
        household = add(unit, f"{n + 201}室", floor_area="60.00")
        residency_claim(user=person, household=household, relation="owner", proof="证")
        role_grant(user=person, role=Role.RESIDENT, place=household)
    client.force_login(person)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("accounts:home")).status_code == 200


def test_my_home_shows_a_claim_its_verification_and_a_role_ended_at_once(client, world):
    person = UserFactory()
    household = world.households(world.community_a1)[0]
    client.force_login(person)
    home = reverse("accounts:home")
    assert household.name not in client.get(home).content.decode()
    claim = residency_claim(user=person, household=household, relation="owner", proof="证")
    assert household.name in client.get(home).content.decode()
    residency_verify(residency=claim, by=world.staff_a1)
    assert "已核实" in client.get(home).content.decode()
    role_end(assignment=RoleAssignment.objects.get(user=person))
    assert "暂无角色" in client.get(home).content.decode()


def test_a_second_visit_of_my_home_reads_the_person_alone(client, world, django_assert_max_num_queries):
    person = UserFactory()
    household = world.households(world.community_a1)[0]
    residency_verify(
        residency=residency_claim(user=person, household=household, relation="owner", proof="证"),
        by=world.staff_a1,
    )
    client.force_login(person)
    client.get(reverse("accounts:home"))
    with django_assert_max_num_queries(2):  # the session (in the database here) and the person
        page = client.get(reverse("accounts:home")).content.decode()
    assert household.name in page


def test_my_home_never_shows_another_persons_households(client, world):
    mine, theirs = world.households(world.community_a1)[0], world.households(world.community_b1)[0]
    me, other = UserFactory(), UserFactory()
    residency_claim(user=me, household=mine, relation="owner", proof="证")
    residency_claim(user=other, household=theirs, relation="owner", proof="证")
    client.force_login(me)
    client.get(reverse("accounts:home"))
    client.force_login(other)
    page = client.get(reverse("accounts:home")).content.decode()
    assert world.community_b1.name in page and world.community_a1.name not in page


def test_my_home_reads_its_kept_parts_from_the_cache_in_one_round_trip(client, world):
    client.force_login(person_with_role(Role.RESIDENT, place=world.households(world.community_a1)[0]))
    client.get(reverse("accounts:home"))  # keeps its parts
    reads, read_one = [], cache.get

    def one(key, *args, **kwargs):
        reads.append(key)
        return read_one(key, *args, **kwargs)

    def many(keys, *args, **kwargs):
        reads.append(tuple(keys))
        return {key: value for key in keys if (value := read_one(key)) is not None}

    with mock.patch.object(cache, "get", one), mock.patch.object(cache, "get_many", many):
        assert client.get(reverse("accounts:home")).status_code == 200
    together = [r for r in reads if isinstance(r, tuple)]
    assert len(together) == 1 and len(together[0]) == 3
    assert all("session" in key for key in reads if not isinstance(key, tuple))
