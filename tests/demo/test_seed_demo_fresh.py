"""seed_demo on a database of its own: the full street, joining an existing district, refusing a taken
number, and the same plan and history on every build."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Residency, User
from apps.demo.builder import plan_street, seed_demo
from apps.demo.plan import FULL, SMALL, STREET_CODE
from apps.places.models import Place, PlaceKind
from apps.places.selectors import management_coverage
from apps.places.services import place_add
from apps.reports.models import Report

from .test_demo_reports import checksum
from .test_seed_demo import kinds_below, seed

pytestmark = pytest.mark.django_db


def test_it_builds_a_street_of_six_communities_with_thousands_of_households():
    seed()
    street = Place.objects.get(code=STREET_CODE)
    counts = kinds_below(street)
    assert (street.name, Place.objects.get_parent(street).name) == ("中仓街道", "通州区")
    assert counts[PlaceKind.COMMUNITY] == 6
    assert counts[PlaceKind.COMPOUND] == 40
    assert 350 <= counts[PlaceKind.BUILDING] <= 450
    assert 9_000 <= counts[PlaceKind.HOUSEHOLD] <= 12_000
    assert 280 <= Residency.objects.filter(status=Residency.Status.VERIFIED).count() <= 320
    assert 0.85 <= management_coverage(within=street).rate < 1


def test_the_plan_is_the_same_on_every_run():
    assert plan_street(SMALL) == plan_street(SMALL)
    assert plan_street(FULL) == plan_street(FULL)


def test_it_joins_an_existing_district_and_leaves_other_trees_alone():
    chaoyang = place_add(parent=None, name="朝阳区")
    tongzhou = place_add(parent=None, name="通州区")
    yongshun = place_add(parent=tongzhou, name="永顺镇")

    seed("--small")

    street = Place.objects.get(code=STREET_CODE)
    assert Place.objects.get_parent(street) == tongzhou
    assert list(Place.objects.get_children(tongzhou)) == [yongshun, street]
    assert Place.objects.get(pk=chaoyang.pk).numchild == 0
    assert Place.objects.find_problems() == ([], [], [], [], [])


def test_it_refuses_to_give_out_a_number_someone_already_has():
    User.objects.create_user(username="someone", phone="+8613800000001")

    with pytest.raises(CommandError, match="already taken"):
        seed("--small")

    assert not Place.objects.exists()


def test_the_history_is_the_same_on_every_build():
    moment = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)

    def build() -> str:
        with transaction.atomic():
            with time_machine.travel(moment, tick=False):
                seed_demo(size=SMALL)
            digest = checksum()
            transaction.set_rollback(True)
        return digest

    first = build()

    assert not Report.objects.exists()
    assert build() == first
