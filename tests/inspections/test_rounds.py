"""Rounds: each category's points shared among the street's inspectors, once per cycle."""

from datetime import date

import pytest

from apps.access.roles import Role
from apps.inspections.models import Assignment, Round
from apps.inspections.rounds import round_generate, rounds_generate_due
from tests.factories import person_with_role

from .conftest import point_at

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)


def test_a_round_covers_the_cycle_of_the_category_from_the_first_of_january(civility):
    round_ = round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    assert (round_.starts_on, round_.ends_on) == (date(2026, 3, 3), date(2026, 5, 2))


def test_a_round_assigns_each_point_of_the_street_once(civility):
    round_ = round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    points = set(Assignment.objects.filter(round=round_).values_list("point_id", flat=True))
    assert points == {civility.bin_a1.pk, civility.bin_a2.pk}


def test_generating_a_round_twice_makes_nothing_new(civility):
    round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    round_generate(street=civility.world.street_a, category=civility.bins, today=date(2026, 4, 1))
    assert Round.objects.count() == 1
    assert Assignment.objects.count() == 2


def test_a_point_added_later_joins_the_round_when_it_is_generated_again(civility):
    round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    point_at(civility.world.community_a1, civility.bins, "A1-BIN-2")
    round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    assert Assignment.objects.count() == 3


def test_points_are_shared_in_balanced_contiguous_chunks(civility):
    world = civility.world
    for n in range(10):
        point_at(world.community_a2, civility.bins, f"A2-BIN-{n}", longitude=f"116.{600 + n}")
    second = person_with_role(Role.GRID_WORKER, place=world.community_a2)
    round_ = round_generate(street=world.street_a, category=civility.bins, today=DAY)
    shares = {
        inspector: list(
            Assignment.objects.filter(round=round_, inspector=inspector)
            .order_by("walk_order")
            .values_list("point__code", flat=True)
        )
        for inspector in (civility.inspector_a, second)
    }
    assert sorted(len(codes) for codes in shares.values()) == [6, 6]
    # one walk along the tree, then east along the street, cut in two
    walk = ["A1-BIN", "A2-BIN", *(f"A2-BIN-{n}" for n in range(10))]
    chunks = sorted(shares.values(), key=lambda codes: walk.index(codes[0]))
    assert [code for chunk in chunks for code in chunk] == walk


def test_small_rounds_start_with_a_different_inspector_each(civility):
    second = person_with_role(Role.GRID_WORKER, place=civility.world.community_a2)
    first_of = {
        round_generate(street=civility.world.street_a, category=category, today=DAY)
        .assignments.get(walk_order=0, point__place__path__startswith=civility.world.community_a1.path)
        .inspector
        for category in (civility.bins, civility.gates)
    }
    assert first_of == {civility.inspector_a, second}


def test_a_share_is_spread_over_the_days_of_the_round(civility):
    world = civility.world
    for n in range(4):
        point_at(world.community_a2, civility.bins, f"A2-BIN-{n}")
    round_ = round_generate(street=world.street_a, category=civility.bins, today=DAY)
    days = list(
        Assignment.objects.filter(round=round_).order_by("walk_order").values_list("planned_on", flat=True)
    )
    assert days[0] == round_.starts_on
    assert days == sorted(days)
    assert days[-1] < round_.ends_on


def test_an_inspector_of_another_street_gets_no_share(civility):
    round_ = round_generate(street=civility.world.street_a, category=civility.bins, today=DAY)
    assert not Assignment.objects.filter(round=round_, inspector=civility.inspector_b).exists()


def test_the_schedule_makes_a_round_per_street_and_category_with_points(civility):
    rounds = rounds_generate_due(today=DAY)
    made = {(r.street_id, r.category.code) for r in rounds}
    world = civility.world
    assert made == {
        (world.street_a.pk, "bin_station"),
        (world.street_a.pk, "compound_gate"),
        (world.street_b.pk, "bin_station"),
    }
    assert rounds_generate_due(today=DAY) == rounds


def test_only_an_official_of_the_street_may_generate_its_round(civility):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        round_generate(
            street=civility.world.street_a, category=civility.bins, today=DAY, by=civility.world.staff_a1
        )
    round_generate(
        street=civility.world.street_a, category=civility.bins, today=DAY, by=civility.world.official_a
    )
