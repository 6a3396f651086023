"""A statement written once by the ORM reads, for each value it is run with, what the query written
with that value reads."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS

from apps.accounts.models import User
from apps.core.statements import statement_kept
from apps.places.models import Place, PlaceKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _places(depth: int, kind: str):
    return Place.objects.filter(depth=depth, kind=kind).order_by("path").values_list("pk", "name")


def test_a_kept_statement_reads_what_the_query_reads_for_each_value(world):
    kept = statement_kept(_places(9_999, "-kind-"), DEFAULT_DB_ALIAS, depth=9_999, kind="-kind-")
    for place in (world.street_a, world.community_a1, world.households(world.community_b1)[0]):
        assert kept.rows(depth=place.depth, kind=place.kind) == list(_places(place.depth, place.kind))
    assert kept.rows(depth=world.community_a1.depth, kind=PlaceKind.STREET) == []


def test_a_stand_in_the_statement_does_not_name_is_refused(world):
    with pytest.raises(ImproperlyConfigured):
        statement_kept(_places(9_999, PlaceKind.UNIT), DEFAULT_DB_ALIAS, depth=9_999, kind="-kind-")


def _active_people(pk):
    return User.objects.filter(pk=pk, is_active=True).values_list("username", "date_joined", "is_active")


def test_the_values_that_are_no_stand_in_stay_and_each_value_reads_as_the_querys():
    active = UserFactory(date_joined=datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    left = UserFactory(is_active=False)
    kept = statement_kept(_active_people(-7_654_321), DEFAULT_DB_ALIAS, person=-7_654_321)
    for pk in (active.pk, left.pk, 0):
        assert kept.rows(person=pk) == list(_active_people(pk))
    assert kept.rows(person=left.pk) == []
