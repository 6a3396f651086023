"""A statement the ORM writes once reads, for each value it is run with, what the query built for that
value reads."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.accounts.models import User
from apps.core.kept_statements import keep
from tests.factories import UserFactory

ANY_ID = -7_654_321


def people_named(pk):
    return User.objects.filter(pk=pk, is_active=True).values_list("username", "date_joined", "is_active")


@pytest.mark.django_db
def test_a_kept_statement_reads_what_its_query_reads_for_each_value():
    first, second = UserFactory(), UserFactory(date_joined=datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    statement = keep(people_named(ANY_ID), "default", person=ANY_ID)
    for pk in (first.pk, second.pk, 0):
        assert statement.rows("default", person=pk) == list(people_named(pk))


@pytest.mark.django_db
def test_a_kept_statement_keeps_the_values_that_are_no_stand_in():
    UserFactory(is_active=False)
    statement = keep(people_named(ANY_ID), "default", person=ANY_ID)
    assert statement.rows("default", person=User.objects.get().pk) == []


def test_a_query_that_does_not_hold_its_stand_in_is_refused():
    with pytest.raises(ImproperlyConfigured):
        keep(people_named(5), "default", person=ANY_ID)


def test_only_a_value_of_the_stand_ins_type_takes_its_slot():
    statement = keep(User.objects.filter(pk=ANY_ID, username=str(ANY_ID)), "default", person=ANY_ID)
    assert statement.parameters(person=1) == [1, str(ANY_ID)]
