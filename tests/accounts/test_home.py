import pytest
from django.urls import reverse

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.accounts.services import residency_claim, residency_verify
from apps.places.models import Place
from tests.factories import UserFactory, add


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
