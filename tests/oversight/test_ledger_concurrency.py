"""Many people of one unit answering the same ledger line at once leave one reply (PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.access.roles import Role
from apps.oversight.ledger_replies import ledger_line_answer
from apps.oversight.models import LedgerReply, LedgerSent
from tests.concurrency import all_at_once
from tests.factories import person_with_role

THREADS = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def test_a_line_answered_by_many_at_once_has_one_reply(transactional_db, world):
    sent = LedgerSent.objects.create(
        week=timezone.localdate() - timedelta(days=7),
        management_unit=world.unit_a1,
        unit_name=world.unit_a1.name,
        lines=[["category", "楼道灯不亮", 3]],
        total=3,
    )
    people = [person_with_role(Role.PROPERTY_STAFF, unit=world.unit_a1) for _ in range(THREADS)]

    def answer(person):
        ledger_line_answer(
            ledger=sent, position=0, by=person, measures="更换灯具", due_on=timezone.localdate()
        )
        return "answered"

    assert all_at_once(people, answer) == ["answered"] * THREADS
    assert LedgerReply.objects.count() == 1
