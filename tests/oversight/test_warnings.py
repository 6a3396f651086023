"""未诉先办: a rise to twice the usual week, with at least five reports, raises one warning."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.oversight.alerts import warnings_raise
from apps.oversight.models import EarlyWarning
from apps.oversight.rollups import rollups_rebuild
from apps.reports.models import Report

from .conftest import START, submit_at

TODAY = START + timedelta(weeks=9)


def history(world, category, *, usual_per_week: int, recent: int):
    household = world.households(world.community_a1)[0]
    for week in range(8):
        for n in range(usual_per_week):
            submit_at(START + timedelta(weeks=week, hours=n), household, category)
    for n in range(recent):
        submit_at(TODAY - timedelta(days=1, hours=n), household, category)
    with time_machine.travel(TODAY, tick=False):
        rollups_rebuild()


def test_a_compound_at_twice_its_usual_week_raises_a_warning(world, categories):
    history(world, categories["lamp"], usual_per_week=2, recent=5)
    raised = warnings_raise(today=TODAY.date())
    places = {(w.place, w.category) for w in raised}
    assert (world.compound(world.community_a1), None) in places
    assert (world.community_a1, categories["lamp"]) in places


def test_a_rise_below_twice_the_usual_week_raises_none(world, categories):
    history(world, categories["lamp"], usual_per_week=3, recent=5)
    assert warnings_raise(today=TODAY.date()) == []


def test_fewer_than_five_reports_raise_none_however_rare_they_were(world, categories):
    history(world, categories["lamp"], usual_per_week=0, recent=4)
    assert warnings_raise(today=TODAY.date()) == []


def test_the_same_rise_is_warned_of_once(world, categories):
    history(world, categories["lamp"], usual_per_week=1, recent=6)
    assert warnings_raise(today=TODAY.date())
    assert warnings_raise(today=TODAY.date() + timedelta(days=1)) == []


@pytest.fixture
def warning(world, categories):
    history(world, categories["lamp"], usual_per_week=0, recent=5)
    return EarlyWarning.objects.get(id__in=[w.pk for w in warnings_raise(today=TODAY.date())], category=None)


def test_staff_acknowledge_a_warning_of_their_community(client, world, warning):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world.staff_a1)
        client.post(reverse("oversight:warning_act", args=[warning.pk]), {"action": "acknowledge"})
    warning.refresh_from_db()
    assert (warning.status, warning.handled_by) == ("acknowledged", world.staff_a1)


def test_staff_of_another_community_cannot_see_or_handle_the_warning(client, world, warning):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world.staff_a2)
        assert warning.place.name not in client.get(reverse("oversight:warnings")).content.decode()
        response = client.post(reverse("oversight:warning_act", args=[warning.pk]), {"action": "acknowledge"})
    assert response.status_code == 404
    warning.refresh_from_db()
    assert warning.status == "open"


def test_a_warning_turned_into_a_task_puts_a_patrol_report_in_the_queue(client, world, warning, categories):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world.staff_a1)
        client.post(
            reverse("oversight:warning_act", args=[warning.pk]),
            {"action": "task", "category": categories["lamp"].pk},
        )
    warning.refresh_from_db()
    assert warning.status == "tasked"
    assert (warning.task.source, warning.task.place) == (Report.Source.PATROL, warning.place)
