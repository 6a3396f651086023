"""`user.has_perm` and `has_module_perms` are the table's answers, and a refusal reads nothing more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.access.visibility import permits
from tests.factories import UserFactory


def permission_tables_read(queries) -> list[str]:
    return [query["sql"] for query in queries if "auth_permission" in query["sql"]]


@pytest.mark.parametrize("persona", ["staff_a1", "official_a", "outsider"])
def test_has_perm_answers_as_the_table_without_reading_djangos_permission_tables(world, persona):
    user = getattr(world, persona)
    report_perms = ["reports.view_report", "reports.dispatch_report", "halls.review_topic", "auth.view_group"]
    with CaptureQueriesContext(connection) as queries:
        answers = {perm: user.has_perm(perm) for perm in report_perms}
        modules = {label: user.has_module_perms(label) for label in ["reports", "auth", "axes", "mfa"]}
    assert answers == {perm: permits(user, perm) for perm in report_perms}
    assert answers["auth.view_group"] is False
    assert modules == {"reports": False, "auth": False, "axes": False, "mfa": False}
    assert permission_tables_read(queries.captured_queries) == []


def test_on_an_object_the_answer_is_the_tables(world):
    staff = world.staff_a1
    assert staff.has_perm("places.view_place", world.community_a1) is True
    assert staff.has_perm("places.view_place", world.community_b1) is False


def test_a_superuser_holds_every_permission_and_module(db):
    admin = UserFactory(is_superuser=True)
    assert admin.has_perm("auth.view_group") and admin.has_perm("reports.view_report")
    assert admin.has_module_perms("axes")
