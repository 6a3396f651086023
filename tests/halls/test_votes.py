"""Votes: the electorate frozen at opening, one ballot per household, secret ballots, paper ballots,
proxies, and a result counted once at close."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.access.services import role_end, role_grant
from apps.audit.models import StaffAction
from apps.halls.models import Ballot, Elector, Result, RollEntry, SecretBallot, Vote
from apps.halls.tasks import close_due_votes, open_due_votes
from apps.halls.votes.services import ballot_cast, paper_ballot_enter, proxy_grant, vote_close, vote_open
from tests.factories import UserFactory, jpeg_bytes

from .conftest import resident_of, secret_ballots_of

FOR, AGAINST, ABSTAIN = 1, 2, 3


def photo():
    return SimpleUploadedFile("paper.jpg", jpeg_bytes(), content_type="image/jpeg")


def after_close(vote):
    return time_machine.travel(vote.closes_at + timedelta(minutes=1))


def test_the_electorate_is_the_verified_households_of_the_scope_frozen_at_opening(
    world, open_vote, residents
):
    vote = open_vote()
    newcomer = resident_of(world.households(world.community_a1)[0], "后搬来的")
    assert Elector.objects.filter(vote=vote).count() == 2
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=newcomer, choices=[FOR])


def test_a_resident_who_moves_out_after_opening_may_still_vote(open_vote, residents):
    vote = open_vote()
    role_end(assignment=RoleAssignment.objects.get(user=residents[0], role=Role.RESIDENT))
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_the_council_rule_gives_each_council_member_of_the_hall_one_vote(world, open_vote, residents):
    member = UserFactory(display_name="居民代表")
    role_grant(user=member, role=Role.COUNCIL_MEMBER, place=world.compound(world.community_a1))
    role_grant(user=UserFactory(), role=Role.COUNCIL_MEMBER, place=world.community_a2)
    vote = open_vote("council")
    assert [e.member for e in Elector.objects.filter(vote=vote)] == [member]
    ballot_cast(vote=vote, user=member, choices=[FOR])
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR])


def test_a_households_members_share_one_ballot_and_the_first_cast_counts(world, open_vote, residents):
    relative = resident_of(world.households(world.community_a1)[0])
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    with pytest.raises(ValidationError, match="already voted"):
        ballot_cast(vote=vote, user=relative, choices=[AGAINST])
    assert list(Ballot.objects.filter(vote=vote).values_list("choices", flat=True)) == [[FOR]]


def test_a_named_ballot_may_be_changed_until_close(open_vote, residents):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    ballot_cast(vote=vote, user=residents[0], choices=[AGAINST])
    ballot = Ballot.objects.get(vote=vote)
    assert ballot.choices == [AGAINST] and ballot.changed_at is not None
    with after_close(vote), pytest.raises(ValidationError, match="has closed"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR])


def test_a_secret_ballot_cannot_be_changed(open_vote, residents):
    vote = open_vote(secret=True)
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    with pytest.raises(ValidationError, match="secret ballot cannot be changed"):
        ballot_cast(vote=vote, user=residents[0], choices=[AGAINST])
    assert secret_ballots_of(vote) == 1 and RollEntry.objects.filter(vote=vote).count() == 1


def test_no_column_of_the_secret_ballot_table_can_lead_back_to_a_voter(db):
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "halls_secretballot")
        }
    assert columns == {"id", "vote_id", "choices", "area", "paper"}
    relations = connection.introspection.get_relations(connection.cursor(), "halls_secretballot")
    assert {table for _, table in relations.values()} == {"halls_vote"}
    assert SecretBallot._meta.pk.get_internal_type() == "UUIDField"  # random: no insertion order to match


def test_the_roll_of_a_secret_vote_and_its_ballots_share_nothing_but_the_vote(open_vote, residents):
    vote = open_vote(secret=True)
    for resident in residents:
        ballot_cast(vote=vote, user=resident, choices=[FOR])
    roll_columns = {f.column for f in RollEntry._meta.concrete_fields}
    ballot_columns = {f.column for f in SecretBallot._meta.concrete_fields}
    assert roll_columns & ballot_columns == {"id", "vote_id"}
    assert not set(RollEntry.objects.values_list("id", flat=True)) & set(
        SecretBallot.objects.values_list("id", flat=True)
    )
    assert not StaffAction.objects.filter(content_type__model__in=["secretballot", "rollentry"]).exists()


def test_voting_before_the_vote_opens_is_refused(open_vote, residents):
    vote = open_vote(opened=False)
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    vote_open(vote=vote, by=None)
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="not open yet"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR])


def test_voting_from_another_community_is_refused(world, open_vote):
    vote = open_vote()
    with pytest.raises(ValidationError, match="not in the electorate"):
        ballot_cast(vote=vote, user=world.outsider, choices=[FOR])


def test_a_forged_household_id_is_refused(open_vote, residents):
    vote = open_vote()
    other = Elector.objects.filter(vote=vote).exclude(voters__user=residents[0]).get()
    with pytest.raises(ValidationError, match="may not vote for this household"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR], elector_id=other.pk)
    with pytest.raises(ValidationError, match="may not vote for this household"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR], elector_id="1 OR 1=1")


def test_a_choice_outside_the_options_is_refused(open_vote, residents):
    vote = open_vote()
    with pytest.raises(ValidationError, match="Choose among"):
        ballot_cast(vote=vote, user=residents[0], choices=[9])
    with pytest.raises(ValidationError, match="at most 1"):
        ballot_cast(vote=vote, user=residents[0], choices=[FOR, AGAINST])


def test_the_result_is_counted_once_at_close_and_never_changes(open_vote, residents):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    ballot_cast(vote=vote, user=residents[1], choices=[FOR])
    with pytest.raises(ValidationError):
        vote_close(vote=vote)
    with after_close(vote):
        result = vote_close(vote=vote)
        assert (result.participants, result.approved, result.tallies["1"]["count"]) == (2, True, 2)
        assert vote_close(vote=vote).pk == result.pk
    with pytest.raises(PermissionError):
        result.save()
    with pytest.raises(PermissionError):
        Result.objects.filter(pk=result.pk).update(approved=False)
    assert StaffAction.objects.filter(action="halls.close_vote", object_id=vote.pk).count() == 1


def test_the_schedule_closes_due_votes_and_opens_scheduled_ones(open_vote, residents):
    due = open_vote()
    later = open_vote(
        opened=False, opens_at=due.closes_at - timedelta(hours=1), closes_at=due.closes_at + timedelta(days=3)
    )
    with after_close(due):
        assert open_due_votes() == 1
        assert close_due_votes() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == "closed" and Result.objects.filter(vote=due).exists()
    assert later.status == "open"


def test_a_vote_missed_by_the_schedule_reads_closed_and_the_next_run_counts_it(open_vote, residents):
    vote = open_vote()
    with after_close(vote):
        assert Vote.objects.get(pk=vote.pk).state == "closed"
        assert close_due_votes() == 1
    vote.refresh_from_db()
    assert vote.status == "closed" and Result.objects.filter(vote=vote).exists()


def test_the_owners_double_majority_reports_both_tallies_and_the_failed_condition(
    world, open_vote, residents
):
    vote = open_vote("owners", matter="rebuild")
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])  # 88.50 m²
    with after_close(vote):
        result = vote_close(vote=vote)
    assert result.electorate == 2 and result.electorate_area == Decimal("183.50")
    assert result.participants == 1 and result.participating_area == Decimal("88.50")
    assert result.failed == ["participation_area", "participation_owners"]
    assert result.approved is False


def test_the_owners_rule_counts_households_without_a_verified_resident(world, hall, open_vote, residents):
    role_end(assignment=RoleAssignment.objects.get(user=residents[1], role=Role.RESIDENT))
    assert Elector.objects.filter(vote=open_vote("owners")).count() == 2
    assert Elector.objects.filter(vote=open_vote("household")).count() == 1


def test_staff_enter_a_paper_ballot_with_a_photo_and_it_is_audited(world, open_vote, residents):
    vote = open_vote()
    elector = Elector.objects.filter(vote=vote).first()
    ballot = paper_ballot_enter(vote=vote, elector=elector, choices=[FOR], photo=photo(), by=world.staff_a1)
    assert ballot.channel == "paper" and ballot.entered_by == world.staff_a1 and ballot.paper
    entry = StaffAction.objects.get(action="halls.paper_ballot")
    assert (entry.actor, entry.object_id) == (world.staff_a1, str(elector.pk))


def test_a_paper_ballot_for_someone_who_voted_online_is_refused(world, open_vote, residents):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    elector = Elector.objects.get(vote=vote, voters__user=residents[0])
    with pytest.raises(ValidationError, match="already voted"):
        paper_ballot_enter(vote=vote, elector=elector, choices=[AGAINST], photo=photo(), by=world.staff_a1)


def test_a_paper_ballot_is_never_entered_twice(world, open_vote, residents):
    vote = open_vote(secret=True)
    elector = Elector.objects.filter(vote=vote).first()
    paper_ballot_enter(vote=vote, elector=elector, choices=[FOR], photo=photo(), by=world.staff_a1)
    with pytest.raises(ValidationError, match="already voted"):
        paper_ballot_enter(vote=vote, elector=elector, choices=[FOR], photo=photo(), by=world.staff_a1)


def test_staff_of_another_community_cannot_enter_paper_ballots(world, open_vote, residents):
    vote = open_vote()
    with pytest.raises(PermissionDenied):
        paper_ballot_enter(
            vote=vote, elector=vote.electors.first(), choices=[FOR], photo=photo(), by=world.staff_a2
        )


def letter():
    return SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 letter", content_type="application/pdf")


def test_a_proxy_holder_casts_for_the_household_that_gave_the_proxy(world, open_vote, residents):
    vote = open_vote()
    elector = Elector.objects.get(vote=vote, voters__user=residents[1])
    proxy_grant(vote=vote, elector=elector, holder=residents[0], letter=letter(), by=world.staff_a1)
    ballot_cast(vote=vote, user=residents[0], choices=[AGAINST], elector_id=elector.pk)
    assert Ballot.objects.get(vote=vote, elector=elector).channel == "proxy"
    assert StaffAction.objects.filter(action="halls.proxy", object_id=elector.pk).exists()


def test_a_proxy_beyond_the_holders_cap_is_refused(world, hall, open_vote, residents):
    hall.proxy_cap = 1
    hall.save()
    vote = open_vote()
    first, second = Elector.objects.filter(vote=vote).order_by("pk")
    holder = UserFactory(display_name="楼门长")
    proxy_grant(vote=vote, elector=first, holder=holder, letter=letter(), by=world.staff_a1)
    with pytest.raises(ValidationError, match="already holds 1 proxies"):
        proxy_grant(vote=vote, elector=second, holder=holder, letter=letter(), by=world.staff_a1)
