"""Secret ballots cannot be paired with their voters: no shared transaction, no table order or id that
follows the roll, no floor area where the rule does not weigh by it; a result whose ballots do not
match the roll is not published."""

import importlib
import json
import random
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.halls.models import RollEntry, SecretBallot, WaitingBallot
from apps.halls.votes import secret_ballots
from apps.halls.votes.services import ballot_cast, vote_close
from apps.places.models import Place
from tests.factories import UserFactory, add

LABELS = [f"方案{n}" for n in range(1, 9)]
PG_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="xmin, VACUUM and pg_stat_user_tables are PostgreSQL's"
)


@pytest.fixture
def voters(world, residents):
    """Eight verified residents of eight households of 甲1, in the order they will vote."""
    unit = Place.objects.get_parent(world.households(world.community_a1)[0])
    people = list(residents)
    for number in range(1, 7):
        household = add(unit, f"20{number}室", floor_area=f"{60 + number}.00")
        person = UserFactory(display_name=f"甲一新住户{number}")
        role_grant(user=person, role=Role.RESIDENT, place=household)
        people.append(person)
    return people


@pytest.fixture
def mix(settings):
    settings.HALLS_SECRET_BALLOT_MIX = 4


@pytest.fixture
def drawn(monkeypatch):
    """The shuffle seeded, and each order it drew (as the choices of the ballots) kept."""
    orders, seeded = [], random.Random(7)

    def shuffle(ballots):
        seeded.shuffle(ballots)
        orders.append([b["choices"] if isinstance(b, dict) else b.choices for b in ballots])

    monkeypatch.setattr(secret_ballots, "shuffle", shuffle)
    return orders


def eight_choices(open_vote):
    """Voter n ticks option n: a ballot's choices name the place of its voter on the roll."""
    return open_vote(kind="single", choices=LABELS, secret=True)


@pytest.fixture
def cast_each(django_capture_on_commit_callbacks):
    """Each person casts in turn, and what waits for the commit (the mixing) runs after each cast."""

    def run(vote, people):
        for n, person in enumerate(people, 1):
            with django_capture_on_commit_callbacks(execute=True):
                ballot_cast(vote=vote, user=person, choices=[n])

    return run


def after_close(vote):
    return time_machine.travel(vote.closes_at + timedelta(minutes=1))


def in_table_order(model, vote, column: str = "choices") -> list:
    """The rows as they lie in the table: by ctid on PostgreSQL, by rowid on SQLite."""
    place = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {model._meta.db_table} WHERE vote_id = %s ORDER BY {place}", [vote.pk]
        )
        values = [row[0] for row in cursor.fetchall()]
    return [json.loads(v) for v in values] if column == "choices" else values


def test_ballots_wait_in_the_pool_until_enough_have_joined_them(open_vote, voters, mix, cast_each):
    vote = eight_choices(open_vote)
    cast_each(vote, voters[:3])
    assert WaitingBallot.objects.filter(vote=vote).count() == 3
    assert not SecretBallot.objects.filter(vote=vote).exists()


def test_a_full_pool_is_moved_in_the_order_the_shuffle_drew_not_the_roll_order(
    open_vote, voters, mix, drawn, cast_each
):
    vote = eight_choices(open_vote)
    cast_each(vote, voters[:4])
    roll_order = [[1], [2], [3], [4]]
    assert not WaitingBallot.objects.filter(vote=vote).exists()
    assert in_table_order(SecretBallot, vote) == drawn[0]
    assert sorted(drawn[0]) == roll_order and drawn[0] != roll_order


def test_the_shuffle_draws_from_the_systems_randomness():
    assert isinstance(secret_ballots.shuffle.__self__, random.SystemRandom)


def test_closing_rewrites_every_secret_ballot_in_a_new_order_under_new_ids(
    open_vote, voters, mix, drawn, cast_each
):
    vote = eight_choices(open_vote)
    cast_each(vote, voters[:6])
    before = set(SecretBallot.objects.values_list("pk", flat=True)) | set(
        WaitingBallot.objects.values_list("pk", flat=True)
    )
    with after_close(vote):
        result = vote_close(vote=vote)
    assert not WaitingBallot.objects.exists()
    assert in_table_order(SecretBallot, vote) == drawn[-1] and len(drawn[-1]) == 6
    assert sorted(drawn[-1]) == [[n] for n in range(1, 7)] != drawn[-1]
    after = set(SecretBallot.objects.values_list("pk", flat=True))
    assert len(after) == 6 and not after & before
    assert result.published and result.secret_ballots == result.participants == 6


def test_secret_ballots_have_random_ids_not_a_sequence(open_vote, voters, mix, cast_each):
    vote = eight_choices(open_vote)
    cast_each(vote, voters)
    with after_close(vote):
        vote_close(vote=vote)
    by_id = [b.choices for b in SecretBallot.objects.filter(vote=vote).order_by("pk")]
    assert all(b.pk.version == 4 for b in SecretBallot.objects.all())  # random, no sequence to match
    assert sorted(by_id) == [[n] for n in range(1, 9)]


def test_the_floor_area_is_kept_only_where_the_rule_weighs_by_it(open_vote, voters, mix, cast_each):
    household_vote, owners_vote = open_vote(secret=True), open_vote("owners", secret=True)
    cast_each(household_vote, voters[:2])
    for person in voters[:2]:
        ballot_cast(vote=owners_vote, user=person, choices=[1])
    assert set(WaitingBallot.objects.filter(vote=household_vote).values_list("area", flat=True)) == {None}
    with after_close(household_vote):
        vote_close(vote=household_vote)
        owners = vote_close(vote=owners_vote)
    assert set(SecretBallot.objects.filter(vote=household_vote).values_list("area", flat=True)) == {None}
    areas = SecretBallot.objects.filter(vote=owners_vote).values_list("area", flat=True)
    assert sorted(areas) == [Decimal("88.50"), Decimal("95.00")]
    assert owners.participating_area == Decimal("183.50")


def test_a_secret_ballot_is_never_written_with_its_voter_nor_with_a_time(db):
    assert {f.column for f in WaitingBallot._meta.concrete_fields} == {
        "id",
        "vote_id",
        "choices",
        "area",
        "paper",
    }
    assert not [f for f in SecretBallot._meta.concrete_fields if f.get_internal_type() == "DateTimeField"]


@pytest.fixture
def one_ballot_lost(open_vote, residents):
    vote = open_vote(secret=True)
    for person in residents:
        ballot_cast(vote=vote, user=person, choices=[1])
    WaitingBallot.objects.filter(vote=vote).first().delete()
    with after_close(vote):
        return vote, vote_close(vote=vote)


def test_a_result_whose_ballots_do_not_match_the_roll_is_not_published(one_ballot_lost):
    _, result = one_ballot_lost
    assert not result.published and (result.secret_ballots, result.participants) == (1, 2)
    assert result.tallies == {} and result.approved is None
    assert result.withheld == "1 secret ballots for 2 voters on the roll: the result is not published."


def test_the_vote_page_and_the_api_say_the_result_is_withheld(client, one_ballot_lost, residents):
    vote, _ = one_ballot_lost
    client.force_login(residents[0])
    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "the result is not published" in page.content.decode()
    answer = client.get(f"/api/v1/votes/{vote.pk}/result/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["published"] is False and answer["tallies"] == [] and answer["approved"] is None
    assert answer["withheld"] == "1 secret ballots for 2 voters on the roll: the result is not published."


def test_the_vote_page_says_a_secret_ballot_cannot_be_changed(client, open_vote, residents):
    vote = open_vote(secret=True)
    client.force_login(residents[0])
    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "a ballot cannot be changed once cast" in page.content.decode().lower()


def test_the_migration_clears_areas_of_other_rules_and_shuffles_under_new_ids(
    open_vote, residents, drawn, monkeypatch
):
    household_vote, owners_vote = open_vote(secret=True), open_vote("owners", secret=True)
    for vote, n in ((household_vote, 1), (household_vote, 2), (owners_vote, 1)):
        SecretBallot.objects.create(vote=vote, choices=[n], area=Decimal("88.50"))
    before = set(SecretBallot.objects.values_list("pk", flat=True))
    migration = importlib.import_module("apps.halls.migrations.0010_secret_ballots_reshuffled")
    monkeypatch.setattr(migration, "shuffle", secret_ballots.shuffle)  # the seeded one
    migration.reshuffle(django_apps, SimpleNamespace(connection=connection))
    assert set(SecretBallot.objects.filter(vote=household_vote).values_list("area", flat=True)) == {None}
    assert SecretBallot.objects.get(vote=owners_vote).area == Decimal("88.50")
    assert not set(SecretBallot.objects.values_list("pk", flat=True)) & before
    assert in_table_order(SecretBallot, household_vote) in [order for order in drawn if len(order) == 2]


def xmins(model, vote) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {model._meta.db_table} WHERE vote_id = %s", [vote.pk])
        return [row[0] for row in cursor.fetchall()]


def vacuums(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


@PG_ONLY
def test_no_secret_ballot_was_written_by_the_transaction_of_a_roll_entry(
    transactional_db, open_vote, voters, mix
):
    vote = eight_choices(open_vote)
    for n, person in enumerate(voters, 1):
        ballot_cast(vote=vote, user=person, choices=[n])  # committed one by one, each mixing after its commit
    roll, moved = xmins(RollEntry, vote), xmins(SecretBallot, vote)
    assert len(set(roll)) == 8 and len(moved) == 8 and len(set(moved)) == 2  # two batches of four
    assert not set(roll) & set(moved)
    with after_close(vote):
        vote_close(vote=vote)
    sealed = xmins(SecretBallot, vote)
    assert len(sealed) == 8 and len(set(sealed)) == 1 and not set(sealed) & set(roll)


@PG_ONLY
def test_the_pool_is_vacuumed_after_a_move_and_the_ballots_after_close(
    transactional_db, open_vote, voters, mix
):
    vote = eight_choices(open_vote)
    pool, ballots = vacuums(WaitingBallot), vacuums(SecretBallot)
    for n, person in enumerate(voters[:4], 1):
        ballot_cast(vote=vote, user=person, choices=[n])
    assert vacuums(WaitingBallot) == pool + 1
    with after_close(vote):
        vote_close(vote=vote)
    assert vacuums(SecretBallot) == ballots + 1
