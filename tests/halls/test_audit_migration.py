"""The halls' own audit entries of before move into the one audit log, anchored to the hall's place."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.halls.services import hall_for

BEFORE = [("halls", "0010_secret_ballots_reshuffled")]
AFTER = [("halls", "0012_audit_entry_removed")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_halls_audit_entries_move_to_the_audit_log(world):
    hall = hall_for(world.community_a1)
    old = migrate(BEFORE)
    try:
        old.get_model("halls", "AuditEntry").objects.create(
            hall_id=hall.pk,
            actor_id=world.staff_a1.pk,
            action="paper_ballot",
            subject="elector",
            subject_id=42,
            note="纸质票",
        )
    finally:
        new = migrate(AFTER)
    entry = new.get_model("audit", "StaffAction").objects.get(action="halls.paper_ballot")
    assert (entry.place_id, entry.actor_id, entry.object_id, entry.detail) == (
        hall.place_id,
        world.staff_a1.pk,
        "42",
        "纸质票",
    )
    assert (entry.content_type.app_label, entry.content_type.model) == ("halls", "elector")
