"""What the dashboard keeps between visits: only for the scope that read it, never older than the
refresh it names, forgotten when the rollups are counted again."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.oversight.models import RollupState
from apps.oversight.rollups import local_day, rollups_rebuild, rollups_recompute, rollups_refresh
from tests.factories import person_with_role

from .conftest import START, submit_at
from .test_activity import raise_topics
from .test_pages import NOW, figure

DASHBOARD = reverse("oversight:dashboard")


@pytest.fixture
def counted(world, categories):
    """Three open reports in 甲1, two in 甲2, one in 乙1, counted at NOW."""
    for community, count in ((world.community_a1, 3), (world.community_a2, 2), (world.community_b1, 1)):
        for n in range(count):
            submit_at(START + timedelta(hours=n), world.households(community)[0], categories["lamp"])
    with time_machine.travel(NOW, tick=False):
        rollups_rebuild()


def open_reports(client) -> int:
    return figure(client.get(DASHBOARD), "open")


def test_a_refresh_shows_on_the_next_visit(client, world, categories, counted):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        assert open_reports(client) == 5
    submit_at(NOW + timedelta(minutes=1), world.households(world.community_a1)[0], categories["lamp"])
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        assert open_reports(client) == 5  # not counted yet
        rollups_refresh()
        assert open_reports(client) == 6


def test_a_recount_of_some_days_shows_on_the_next_visit(client, world, categories, counted):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        assert open_reports(client) == 5
        report = submit_at(START, world.households(world.community_a2)[0], categories["lamp"])
        rollups_recompute(days=[local_day(report.created_at)])
        assert open_reports(client) == 6


def test_the_figures_are_never_older_than_the_refresh_the_page_names(client, world, counted):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        client.get(DASHBOARD)
        later = NOW + timedelta(minutes=3)
        RollupState.objects.update(refreshed_at=later)  # as a replica catching up shows it
        shown = timezone.localtime(later).strftime("%Y-%m-%d %H:%M")
        assert shown in client.get(DASHBOARD).content.decode()


def test_an_official_of_another_street_is_never_shown_what_was_kept(client, world, counted):
    official_b = person_with_role(Role.STREET_OFFICIAL, place=world.street_b)
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        assert open_reports(client) == 5
        client.force_login(official_b)
        response = client.get(DASHBOARD)
    assert figure(response, "open") == 1
    assert world.community_a1.name not in response.content.decode()


def test_a_role_given_shows_its_figures_at_once(client, world, counted):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.staff_a1)
        assert open_reports(client) == 3
        role_grant(user=world.staff_a1, role=Role.COMMUNITY_STAFF, place=world.community_a2)
        assert open_reports(client) == 5


def test_officials_of_one_street_share_what_was_kept(client, world, counted, django_assert_max_num_queries):
    colleague = person_with_role(Role.STREET_OFFICIAL, place=world.street_a)
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        client.get(DASHBOARD)
        client.force_login(colleague)
        with django_assert_max_num_queries(3):
            assert figure(client.get(DASHBOARD), "open") == 5


def test_the_halls_activity_shows_within_a_minute(client, world, counted):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.official_a)
        before = figure(client.get(DASHBOARD), "topics_raised")
        raise_topics(world, world.community_a1, 2)
        assert figure(client.get(DASHBOARD), "topics_raised") == before
    with time_machine.travel(NOW + timedelta(seconds=61), tick=False):
        assert figure(client.get(DASHBOARD), "topics_raised") == before + 2
