"""The state machine: every transition checks state and permission and writes its timeline event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.reports.lifecycle import TRANSITIONS, Status
from apps.reports.models import ActorKind, Report
from apps.reports.services import TransitionError, report_submit, report_transition
from tests.factories import UserFactory


@pytest.fixture
def report(board, categories):
    return report_submit(
        place=board.place, board=board, category=categories["lamp"], description="3楼灯不亮", source="qr"
    )


def test_a_submitted_report_is_routed_to_the_property_company_of_its_compound(report, world):
    assert report.status == Status.DISPATCHED
    assert report.handler_kind == "property"
    assert report.management_unit == world.unit_a1
    assert [e.action for e in report.events.all()] == ["submitted", "dispatch"]
    assert report.events.last().actor_kind == ActorKind.SYSTEM


def test_a_category_handled_by_the_community_is_routed_to_the_community(board, categories):
    report = report_submit(
        place=board.place, category=categories["noise"], description="楼上装修", source="qr"
    )
    assert (report.status, report.handler_kind) == (Status.DISPATCHED, "community")


def test_without_a_property_company_a_property_category_falls_back_to_the_community(world, categories):
    from apps.places.models import Place, PlaceKind

    place = Place.objects.filter(path__startswith=world.community_a2.path, kind=PlaceKind.UNIT).get()
    report = report_submit(place=place, category=categories["lamp"], description="灯坏了", source="qr")
    assert report.handler_kind == "community"


def test_property_staff_accept_start_and_resolve_with_a_note(report, world):
    for action in ("accept", "start"):
        report = report_transition(report=report, action=action, actor=world.property_a1)
    report = report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    assert report.status == Status.RESOLVED
    assert report.responded_at and report.resolved_at
    last = report.events.last()
    assert (last.action, last.actor_kind, last.note) == ("resolve", ActorKind.PROPERTY, "已更换灯泡")


def test_resolving_without_a_note_is_refused_and_changes_nothing(report, world):
    report_transition(report=report, action="accept", actor=world.property_a1)
    with pytest.raises(ValidationError):
        report_transition(report=report, action="resolve", actor=world.property_a1, note=" ")
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert report.events.count() == 3


def test_an_illegal_transition_fails_with_a_clear_message(report, world):
    with pytest.raises(TransitionError) as refused:
        report_transition(report=report, action="review", actor=world.staff_a1)
    assert "已派单" in " ".join(refused.value.messages)


def test_staff_of_another_community_cannot_touch_the_report(report, world):
    with pytest.raises(PermissionDenied):
        report_transition(report=report, action="reject", actor=world.staff_a2, note="不归我们")
    report.refresh_from_db()
    assert report.status == Status.DISPATCHED


def test_community_staff_cannot_handle_a_report_assigned_to_the_property_company(report, world):
    with pytest.raises(PermissionDenied):
        report_transition(report=report, action="accept", actor=world.staff_a1)


def test_a_wrong_handler_returns_the_report_and_the_dispatcher_dispatches_it_again(report, world):
    from apps.reports.routing import Route

    report = report_transition(report=report, action="return", actor=world.property_a1, note="属于邻里纠纷")
    assert report.status == Status.RETURNED
    report = report_transition(
        report=report, action="dispatch", actor=world.staff_a1, route=Route("community")
    )
    assert (report.status, report.handler_kind) == (Status.DISPATCHED, "community")


def test_an_unsatisfied_rating_reopens_the_report(report, world):
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="修好了")
    report = report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False)
    assert report.status == Status.REOPENED
    assert report.satisfaction == "unsatisfied"


def test_a_satisfied_rating_is_recorded_and_staff_close_the_report(report, world):
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="修好了")
    report = report_transition(report=report, action="rate", satisfaction="satisfied", solved=True)
    assert report.status == Status.RATED
    report = report_transition(report=report, action="close", actor=world.staff_a1)
    assert report.status == Status.CLOSED and report.closed_at


def test_a_duplicate_is_merged_into_the_original(report, board, categories, world):
    duplicate = report_submit(
        place=board.place, category=categories["lamp"], description="灯不亮", source="qr"
    )
    duplicate = report_transition(report=duplicate, action="merge", actor=world.staff_a1, merged_into=report)
    assert duplicate.status == Status.MERGED and duplicate.merged_into == report


def test_the_follow_link_holder_may_only_rate(report):
    with pytest.raises(PermissionDenied):
        report_transition(report=report, action="reject", actor=None, note="x")


def test_every_transition_names_a_permission_of_the_table():
    from apps.access.permissions import PERMISSION_ROLES

    assert {t.permission for t in TRANSITIONS.values()} <= set(PERMISSION_ROLES)


def test_a_resident_cannot_rate_someone_elses_report(report, world):
    stranger = UserFactory()
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="好了")
    with pytest.raises(PermissionDenied):
        report_transition(report=report, action="rate", actor=stranger, satisfaction="satisfied", solved=True)
    assert Report.objects.get(pk=report.pk).status == Status.RESOLVED


def test_property_staff_of_another_management_unit_cannot_act_on_the_report(report, world):
    from apps.access.roles import Role
    from tests.factories import person_with_role

    other_company = person_with_role(Role.PROPERTY_STAFF, unit=world.unit_b1)
    with pytest.raises(PermissionDenied):
        report_transition(report=report, action="accept", actor=other_company)
    report.refresh_from_db()
    assert report.status == Status.DISPATCHED


def test_a_step_the_table_does_not_allow_is_refused_with_its_message_and_writes_nothing(report, world):
    events = report.events.count()
    with (
        translation.override("en"),
        pytest.raises(TransitionError, match="A report that is “Dispatched” cannot be changed by “Resolve”"),
    ):
        report_transition(report=report, action="resolve", actor=world.staff_a1, note="修好了")
    assert Report.objects.get(pk=report.pk).status == Status.DISPATCHED
    assert report.events.count() == events


def test_every_public_voice_of_a_role_is_a_kind_of_actor_residents_are_shown():
    from apps.access.roles import PUBLIC_VOICES

    assert set(PUBLIC_VOICES.values()) <= set(ActorKind.values)


def test_a_street_official_who_also_works_in_a_community_signs_as_the_street_office(report, world):
    from apps.access.roles import Role
    from apps.access.services import role_grant

    role_grant(user=world.official_a, role=Role.COMMUNITY_STAFF, place=world.community_a1)
    report = report_transition(report=report, action="return", actor=world.property_a1, note="不归我们管")
    report = report_transition(report=report, action="dispatch", actor=world.official_a)
    assert report.events.last().actor_kind == ActorKind.STREET
