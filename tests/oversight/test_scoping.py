"""
Oversight records of four communities: staff of one community see and change nothing of another —
through the queryset twins, the predicates and the admin — and every predicate agrees with its twin.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.oversight.models import DailyRollup, EarlyWarning, LedgerSent, MonthlyTopic, WeeklyRollup
from apps.oversight.rollups import rollups_rebuild
from tests.scoping import assert_twin_agrees, objects_below, world_personas

from .conftest import START, submit_at

MODELS = [DailyRollup, WeeklyRollup, EarlyWarning, MonthlyTopic, LedgerSent]
ADMIN_LISTS = {model: f"admin:oversight_{model._meta.model_name}_changelist" for model in MODELS}


@pytest.fixture
def records(world, categories):
    """In each community: a report counted in the rollups, an early warning at its compound and a
    ledger sent to it; a ledger sent to each management unit; a monthly topic in each street."""
    week = date(2026, 11, 2)
    for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
        submit_at(START, world.households(community)[0], categories["lamp"])
        EarlyWarning.objects.create(place=world.compound(community), raised_on=week, recent=6, usual=1.0)
        LedgerSent.objects.create(week=week, community=community, unit_name=community.name, total=1)
    for unit in (world.unit_a1, world.unit_b1):
        LedgerSent.objects.create(week=week, management_unit=unit, unit_name=unit.name, total=1)
    for street in (world.street_a, world.street_b):
        MonthlyTopic.objects.create(street=street, month=week.replace(day=1), category=categories["lamp"])
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        rollups_rebuild()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree_on_every_object(world, records, model):
    assert_twin_agrees(model, world_personas(world))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_nothing_of_other_communities(world, records, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    own = {obj.pk for obj in objects_below(model, world.community_a1)}
    for other in (world.community_a2, world.community_b1, world.community_b2):
        foreign = {obj.pk for obj in objects_below(model, other)} - own
        assert not (visible & foreign), f"{model.__name__} of {other} leaks to staff of {world.community_a1}"


def test_staff_see_their_own_communitys_records(world, records):
    for model in (DailyRollup, WeeklyRollup, EarlyWarning, LedgerSent):
        assert visible_to(world.staff_a1, model.objects.all()).exists(), model


def test_community_staff_see_their_communitys_ledger_not_a_units_that_spans_communities(world, records):
    shown = visible_to(world.staff_a1, LedgerSent.objects.all())
    assert list(shown.values_list("community", "management_unit")) == [(world.community_a1.pk, None)]
    assert visible_to(world.official_a, LedgerSent.objects.filter(management_unit=world.unit_a1)).exists()


def test_property_staff_see_the_ledger_of_their_unit_only(world, records):
    shown = visible_to(world.property_a1, LedgerSent.objects.all())
    assert list(shown.values_list("management_unit", flat=True)) == [world.unit_a1.pk]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_list_shows_staff_nothing_of_other_communities(client, world, records, model):
    client.force_login(world.staff_a1)
    response = client.get(reverse(ADMIN_LISTS[model]))
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        shown = {obj.pk for obj in response.context["cl"].result_list}
        assert shown <= set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
        content = response.content.decode()
        for other in (world.community_a2, world.community_b1):
            assert other.name not in content


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_change_page_of_another_communitys_record_is_not_found(client, world, records, model):
    client.force_login(world.staff_a1)
    own = {obj.pk for obj in objects_below(model, world.community_a1)}
    foreign = [obj for obj in objects_below(model, world.street_b) if obj.pk not in own]
    assert foreign, f"the world has no {model.__name__} in {world.street_b}"
    url = reverse(ADMIN_LISTS[model].replace("changelist", "change"), args=[foreign[0].pk])
    response = client.get(url, follow=True)
    assert world.community_b1.name not in response.content.decode()
    assert response.status_code == 404 or response.redirect_chain[-1][0] == reverse("admin:index")


def test_the_rollups_are_read_only_in_the_admin_even_for_officials(client, world, records):
    client.force_login(world.official_a)
    for model in (DailyRollup, WeeklyRollup, LedgerSent, MonthlyTopic):
        row = visible_to(world.official_a, model.objects.all()).first()
        url = reverse(ADMIN_LISTS[model].replace("changelist", "change"), args=[row.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode(), model
        assert client.get(reverse(ADMIN_LISTS[model].replace("changelist", "add"))).status_code == 403


def test_staff_acknowledge_their_own_warning_in_the_admin_but_not_another_communitys(client, world, records):
    own = EarlyWarning.objects.get(place=world.compound(world.community_a1))
    foreign = EarlyWarning.objects.get(place=world.compound(world.community_b1))
    client.force_login(world.staff_a1)
    for warning in (own, foreign):
        client.post(
            reverse(ADMIN_LISTS[EarlyWarning]),
            {"action": "acknowledge_selected", "_selected_action": [warning.pk]},
        )
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert (own.status, own.handled_by) == (EarlyWarning.Status.ACKNOWLEDGED, world.staff_a1)
    assert (foreign.status, foreign.handled_by) == (EarlyWarning.Status.OPEN, None)


def test_a_person_without_a_staff_role_sees_no_oversight_admin(client, world, records):
    client.force_login(world.outsider)
    for url in ADMIN_LISTS.values():
        response = client.get(reverse(url), follow=True)
        assert response.redirect_chain[-1][0] == reverse("accounts:home")


def test_the_pages_read_exactly_the_rollup_rows_the_permission_model_shows(world, records):
    from apps.oversight.selectors import figures_for, weekly_figures_for

    for person in world_personas(world):
        for read, model in ((figures_for, DailyRollup), (weekly_figures_for, WeeklyRollup)):
            assert set(read(person)) == set(visible_to(person, model.objects.all())), (person, model)
