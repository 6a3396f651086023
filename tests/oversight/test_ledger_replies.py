"""双向督办: a unit answers the lines of its own weekly ledger; the street closes them; the weeks
after show whether each line's count fell."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.oversight.ledger_replies import ledger_line_answer, ledger_line_close, line_follow_up
from apps.oversight.models import LedgerReply, LedgerReplyPhoto, LedgerSent
from apps.oversight.rollups import rollups_rebuild
from tests.inspections.test_notices import photo
from tests.scoping import assert_twin_agrees, world_personas

from .conftest import START, submit_at

WEEK = START.date()
LATER = START + timedelta(weeks=2)


@pytest.fixture
def ledgers(world, categories):
    """Week of START: 甲一物业单元 got one line, community 甲2 one line; both streets likewise."""
    lines = [["category", categories["lamp"].name, 3]]
    return {
        "unit_a1": LedgerSent.objects.create(
            week=WEEK, management_unit=world.unit_a1, unit_name=world.unit_a1.name, lines=lines, total=3
        ),
        "community_a2": LedgerSent.objects.create(
            week=WEEK, community=world.community_a2, unit_name=world.community_a2.name, lines=lines, total=3
        ),
        "unit_b1": LedgerSent.objects.create(
            week=WEEK, management_unit=world.unit_b1, unit_name=world.unit_b1.name, lines=lines, total=3
        ),
    }


def answer(ledger, by, **changes):
    with time_machine.travel(START, tick=False):
        return ledger_line_answer(
            ledger=ledger,
            position=changes.pop("position", 0),
            by=by,
            measures=changes.pop("measures", "更换声控灯"),
            due_on=changes.pop("due_on", WEEK + timedelta(days=10)),
            **changes,
        )


def test_the_unit_answers_a_line_of_its_ledger_with_a_photo(world, ledgers):
    reply = answer(ledgers["unit_a1"], world.property_a1, photos=[photo()])
    assert (reply.kind, reply.reports, reply.status) == ("category", 3, LedgerReply.Status.ANSWERED)
    assert LedgerReplyPhoto.objects.filter(reply=reply).count() == 1


def test_answering_again_updates_the_reply_and_doubles_nothing(world, ledgers):
    answer(ledgers["unit_a1"], world.property_a1)
    answer(ledgers["unit_a1"], world.property_a1, measures="加装灯具")
    assert LedgerReply.objects.get().measures == "加装灯具"


def test_a_unit_cannot_answer_the_ledger_of_another_unit(world, ledgers):
    with pytest.raises(PermissionDenied):
        answer(ledgers["unit_b1"], world.property_a1)
    with pytest.raises(PermissionDenied):
        answer(ledgers["unit_a1"], world.staff_a1)  # the unit's community is not the unit
    assert not LedgerReply.objects.exists()


def test_the_community_answers_its_own_ledger_only(world, ledgers):
    answer(ledgers["community_a2"], world.staff_a2)
    with pytest.raises(PermissionDenied):
        answer(ledgers["community_a2"], world.staff_a1)


@pytest.mark.parametrize(
    "changes",
    [{"position": 5}, {"measures": "  "}, {"due_on": WEEK - timedelta(days=1)}],
    ids=["no such line", "no measures", "a past date"],
)
def test_a_reply_without_its_parts_is_refused(world, ledgers, changes):
    with pytest.raises(ValidationError):
        answer(ledgers["unit_a1"], world.property_a1, **changes)
    assert not LedgerReply.objects.exists()


def test_the_street_closes_an_answered_line_and_it_stays_closed(world, ledgers):
    reply = answer(ledgers["unit_a1"], world.property_a1)
    with pytest.raises(PermissionDenied):
        ledger_line_close(reply=reply, by=world.staff_a1)
    closed = ledger_line_close(reply=reply, by=world.official_a, note="已核实")
    assert closed.status == LedgerReply.Status.CLOSED
    with pytest.raises(ValidationError):
        answer(ledgers["unit_a1"], world.property_a1)
    with pytest.raises(ValidationError):
        ledger_line_close(reply=closed, by=world.official_a)


def test_the_weeks_after_show_whether_the_line_fell(world, categories, ledgers):
    compound = world.compound(world.community_a1)
    submit_at(START + timedelta(weeks=1), world.households(compound)[0], categories["lamp"])
    with time_machine.travel(LATER + timedelta(days=7), tick=False):
        rollups_rebuild()
    [line] = line_follow_up(ledgers["unit_a1"], today=(LATER + timedelta(days=7)).date())
    assert line.weeks[0] == (WEEK + timedelta(weeks=1), 1)
    assert line.fell is True


def test_replies_are_seen_only_by_their_unit_and_street(world, ledgers):
    for ledger, person in (
        (ledgers["unit_a1"], world.property_a1),
        (ledgers["community_a2"], world.staff_a2),
    ):
        answer(ledger, person)
    seen = visible_to(world.property_a1, LedgerReply.objects.all())
    assert [r.ledger_id for r in seen] == [ledgers["unit_a1"].pk]
    assert visible_to(world.staff_a1, LedgerReply.objects.all()).count() == 0
    assert visible_to(world.official_a, LedgerReply.objects.all()).count() == 2
    assert visible_to(world.staff_b1, LedgerReply.objects.all()).count() == 0
    assert_twin_agrees(LedgerReply, world_personas(world))


def test_the_unit_answers_on_the_page_and_another_unit_finds_nothing(client, world, ledgers):
    client.force_login(world.property_a1)
    url = reverse("oversight:ledger_sent", kwargs={"pk": ledgers["unit_a1"].pk})
    assert client.get(reverse("oversight:ledgers_sent")).status_code == 200
    due = (date.today() + timedelta(days=5)).isoformat()
    response = client.post(url, {"position": 0, "measures": "更换灯具", "due_on": due})
    assert response.status_code == 302
    assert LedgerReply.objects.get().replied_by == world.property_a1
    other = reverse("oversight:ledger_sent", kwargs={"pk": ledgers["unit_b1"].pk})
    assert client.post(other, {"position": 0, "measures": "x", "due_on": due}).status_code == 404


def test_a_bad_date_on_the_page_is_refused_in_words(client, world, ledgers):
    client.force_login(world.property_a1)
    url = reverse("oversight:ledger_sent", kwargs={"pk": ledgers["unit_a1"].pk})
    page = client.post(url, {"position": 0, "measures": "更换灯具", "due_on": "明天"})
    assert page.status_code == 200
    assert "请检查" in page.content.decode()
    assert not LedgerReply.objects.exists()
