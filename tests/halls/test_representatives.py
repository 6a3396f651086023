"""Household representatives: when the hall names one, only that person casts the household's ballot;
otherwise the first cast of the household counts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.audit.models import StaffAction
from apps.halls.meetings.representatives import representative_name, representative_remove
from apps.halls.models import Ballot, HouseholdRepresentative
from apps.halls.votes.services import ballot_cast

from .conftest import resident_of


@pytest.fixture
def household(world):
    return world.households(world.community_a1)[0]


def test_only_the_named_representative_casts_the_households_ballot(
    world, hall, household, open_vote, residents
):
    relative = resident_of(household, "家人")
    representative_name(hall=hall, household=household, user=relative, by=world.staff_a1)
    vote = open_vote()
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=residents[0], choices=[1])
    ballot_cast(vote=vote, user=relative, choices=[2])
    assert Ballot.objects.get(vote=vote).cast_by == relative
    assert StaffAction.objects.filter(action="halls.name_representative", object_id=household.pk).exists()


def test_without_a_representative_the_first_cast_counts_again(world, hall, household, open_vote, residents):
    relative = resident_of(household, "家人")
    named = representative_name(hall=hall, household=household, user=relative, by=world.staff_a1)
    representative_remove(representative=named, by=world.staff_a1)
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[1])
    with pytest.raises(ValidationError, match="already voted"):
        ballot_cast(vote=vote, user=relative, choices=[2])


def test_the_representative_must_be_a_verified_resident_of_the_household(world, hall, household, residents):
    with pytest.raises(ValidationError, match="verified resident of the household"):
        representative_name(hall=hall, household=household, user=residents[1], by=world.staff_a1)
    assert not HouseholdRepresentative.objects.exists()


def test_naming_again_replaces_the_representative(world, hall, household, residents):
    relative = resident_of(household, "家人")
    representative_name(hall=hall, household=household, user=residents[0], by=world.staff_a1)
    representative_name(hall=hall, household=household, user=relative, by=world.staff_a1)
    assert list(HouseholdRepresentative.objects.values_list("user", flat=True)) == [relative.pk]


def test_staff_of_another_community_cannot_name_a_representative(world, hall, household, residents):
    with pytest.raises(PermissionDenied):
        representative_name(hall=hall, household=household, user=residents[0], by=world.staff_b1)


def test_staff_name_a_representative_in_the_admin_and_a_non_resident_is_refused(
    client, world, hall, household, residents
):
    client.force_login(world.staff_a1)
    url = reverse("admin:halls_householdrepresentative_add")
    refused = client.post(url, {"hall": hall.pk, "household": household.pk, "user": residents[1].pk})
    assert refused.status_code == 200 and not HouseholdRepresentative.objects.exists()
    client.post(url, {"hall": hall.pk, "household": household.pk, "user": residents[0].pk})
    assert HouseholdRepresentative.objects.get().named_by == world.staff_a1
