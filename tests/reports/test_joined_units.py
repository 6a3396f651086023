"""
协办 and 吹哨报到: community staff summon departments and district bureaus to a report, the
dispatcher adds co-handlers; each unit's staff read the report through it, report in for their own
unit only, and add notes until the report closes. Refusals say why and change nothing.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.access.visibility import visible_to
from apps.core.photos import process_photo
from apps.notifications.models import Notification
from apps.places.services import department_of_street
from apps.reports.joined_units import JoinedUnit
from apps.reports.lifecycle import TRANSITIONS
from apps.reports.models import Photo, Report, Supervision, TimelineEvent
from apps.reports.services import report_submit, report_transition
from apps.reports.units import cohandlers_add, unit_note_add, unit_report_in, units_summon
from tests.reports.test_staff_report_page import jpeg
from tests.scoping import assert_twin_agrees, world_personas


@pytest.fixture
def summoned(world, noise_report, bureau_a, django_capture_on_commit_callbacks):
    """城市管理办公室 of street 甲 and the district's 区住建委, summoned by the community's staff."""
    with django_capture_on_commit_callbacks(execute=True):
        return units_summon(
            report=noise_report,
            departments=[world.department_a, bureau_a],
            actor=world.staff_a1,
            note="需多部门",
        )


def test_community_staff_summon_a_street_department_and_a_district_bureau(world, noise_report, summoned):
    assert [unit.department.name for unit in summoned] == ["城市管理办公室", "区住建委"]
    assert all(unit.part == "summoned" and unit.reported_in_at is None for unit in summoned)
    waited = summoned[0].report_in_due - summoned[0].joined_at
    assert waited.total_seconds() == 2 * 3600
    assert list(
        noise_report.events.filter(action="summon").values_list("unit__department__name", flat=True)
    ) == [
        "城市管理办公室",
        "区住建委",
    ]


def test_the_summoned_units_staff_are_told_to_report_in(world, summoned, bureau_a):
    for person in (world.department_staff_a, bureau_a.staff):
        assert Notification.objects.filter(user=person, title__contains="吹哨").exists()
    assert not Notification.objects.filter(user=world.department_staff_b).exists()


def test_an_urgent_report_gives_half_an_hour_to_report_in(world, board, categories, bureau_a):
    urgent = report_submit(
        place=board.place, category=categories["wires"], description="飞线充电", source="qr"
    )
    (unit,) = units_summon(report=urgent, departments=[bureau_a], actor=world.staff_a1)
    assert (unit.report_in_due - unit.joined_at).total_seconds() == 30 * 60


def test_a_department_of_another_street_cannot_be_summoned(world, noise_report):
    with pytest.raises(ValidationError, match="不服务于"):
        units_summon(report=noise_report, departments=[world.department_b], actor=world.staff_a1)
    assert not JoinedUnit.objects.exists()


def test_a_bureau_of_another_district_cannot_be_summoned(world, noise_report):
    from apps.places.models import Department, Place, PlaceKind

    district_b = Place.objects.get(path=world.street_b.ancestor_path(PlaceKind.DISTRICT))
    bureau_b = Department.objects.create(
        place=district_b, name="乙区水务局", kind=Department.Kind.DISTRICT_BUREAU
    )
    with pytest.raises(ValidationError):
        units_summon(report=noise_report, departments=[bureau_b], actor=world.staff_a1)
    assert not JoinedUnit.objects.exists()


def test_the_same_unit_cannot_be_summoned_twice(world, noise_report, summoned):
    with pytest.raises(ValidationError, match="已在"):
        units_summon(report=noise_report, departments=[world.department_a], actor=world.official_a)
    assert noise_report.joined_units.count() == 2


def test_one_refused_unit_refuses_the_whole_summons(world, noise_report, bureau_a):
    with pytest.raises(ValidationError):
        units_summon(report=noise_report, departments=[bureau_a, world.department_b], actor=world.staff_a1)
    assert not JoinedUnit.objects.exists() and not noise_report.events.filter(action="summon").exists()


def test_the_handling_department_is_not_summoned_to_its_own_report(world, board, categories):
    report = report_submit(place=board.place, category=categories["wires"], description="飞线", source="qr")
    with pytest.raises(ValidationError, match="已负责"):
        units_summon(report=report, departments=[report.department], actor=world.staff_a1)


@pytest.mark.parametrize("who", ["property_a1", "staff_b1", "department_staff_a"])
def test_only_community_staff_and_street_officials_summon(world, noise_report, bureau_a, who):
    with pytest.raises(PermissionDenied):
        units_summon(report=noise_report, departments=[bureau_a], actor=getattr(world, who))
    assert not JoinedUnit.objects.exists()


def test_a_summoned_departments_staff_read_the_report_and_its_timeline(world, noise_report, summoned):
    staff = world.department_staff_a
    assert staff.has_perm("reports.view_report", noise_report)
    assert list(visible_to(staff, Report.objects.all())) == [noise_report]
    assert visible_to(staff, TimelineEvent.objects.all()).count() == noise_report.events.count()
    assert set(visible_to(staff, JoinedUnit.objects.all())) == set(summoned)


def test_staff_of_another_streets_departments_see_nothing(world, noise_report, summoned):
    staff = world.department_staff_b
    assert not staff.has_perm("reports.view_report", noise_report)
    for model in (Report, TimelineEvent, Photo, JoinedUnit, Supervision):
        assert not visible_to(staff, model.objects.all()).exists()


def test_a_summoned_department_reads_but_does_not_handle_the_report(world, board, categories, bureau_a):
    report = report_submit(place=board.place, category=categories["wires"], description="飞线", source="qr")
    units_summon(report=report, departments=[bureau_a], actor=world.staff_a1)
    handler = department_of_street(place=world.street_a, name="平安建设办公室")
    from apps.access.roles import Role
    from tests.factories import person_with_role

    handler_staff = person_with_role(Role.DEPARTMENT_STAFF, department=handler)
    accept = TRANSITIONS["accept"].permission
    assert bureau_a.staff.has_perm("reports.view_report", report)
    assert not bureau_a.staff.has_perm(accept, report)
    assert handler_staff.has_perm(accept, report)
    assert not visible_to(bureau_a.staff, Report.objects.all(), perm=accept).exists()
    assert list(visible_to(handler_staff, Report.objects.all(), perm=accept)) == [report]


def test_staff_report_in_for_their_own_unit(world, summoned):
    unit = unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    assert unit.reported_in_at is not None and unit.reported_in_by == world.department_staff_a
    assert unit.report.events.filter(action="report_in", unit=unit).count() == 1


def test_reporting_in_for_another_department_is_refused(world, summoned):
    with pytest.raises(PermissionDenied, match="区住建委"):
        unit_report_in(unit=summoned[1], actor=world.department_staff_a)
    with pytest.raises(PermissionDenied):
        unit_report_in(unit=summoned[0], actor=world.department_staff_b)
    summoned[1].refresh_from_db()
    assert summoned[1].reported_in_at is None


def test_reporting_in_twice_is_refused(world, summoned):
    unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    with pytest.raises(ValidationError, match="已于"):
        unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    assert summoned[0].report.events.filter(action="report_in").count() == 1


def test_a_summoned_unit_reports_in_before_adding_its_notes(world, summoned):
    with pytest.raises(ValidationError):
        unit_note_add(unit=summoned[0], actor=world.department_staff_a, note="已处理")
    unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    event = unit_note_add(
        unit=summoned[0],
        actor=world.department_staff_a,
        note="已清理",
        photos=[process_photo(jpeg())],
        done=True,
    )
    assert event.action == "unit_done" and event.photos.count() == 1
    summoned[0].refresh_from_db()
    assert summoned[0].done_at is not None
    assert world.department_staff_a.has_perm("reports.view_photo", event.photos.get())


def test_a_unit_adds_notes_for_itself_only(world, summoned, bureau_a):
    unit_report_in(unit=summoned[1], actor=bureau_a.staff)
    with pytest.raises(PermissionDenied):
        unit_note_add(unit=summoned[1], actor=world.department_staff_a, note="替别人写")
    assert not TimelineEvent.objects.filter(action="unit_note").exists()


def test_the_dispatcher_adds_a_co_handler_who_reads_and_adds_notes(world, noise_report):
    (unit,) = cohandlers_add(report=noise_report, departments=[world.department_a], actor=world.staff_a1)
    assert unit.part == "cohandler" and unit.report_in_due is None
    staff = world.department_staff_a
    assert staff.has_perm("reports.view_report", noise_report)
    assert not staff.has_perm("reports.report_in", unit)
    event = unit_note_add(unit=unit, actor=staff, note="协助核实了施工许可")
    assert event.action == "unit_note" and event.actor_kind == "street"


def test_only_a_dispatcher_adds_co_handlers(world, noise_report):
    with pytest.raises(PermissionDenied):
        cohandlers_add(report=noise_report, departments=[world.department_a], actor=world.property_a1)


def test_after_the_report_closes_the_units_read_it_but_add_no_notes(world, noise_report, summoned):
    unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    report_transition(report=noise_report, action="reject", actor=world.staff_a1, note="不属实")
    staff = world.department_staff_a
    assert staff.has_perm("reports.view_report", noise_report)
    with pytest.raises(ValidationError, match="不再"):
        unit_note_add(unit=summoned[0], actor=staff, note="补充")
    with pytest.raises(ValidationError):
        units_summon(
            report=noise_report,
            departments=[department_of_street(place=world.street_a, name="民生保障办公室")],
            actor=world.staff_a1,
        )
    assert not TimelineEvent.objects.filter(action="unit_note").exists()


def test_no_summons_on_a_closed_report_and_no_report_in(world, noise_report, summoned, bureau_a):
    report_transition(report=noise_report, action="reject", actor=world.staff_a1, note="重复")
    with pytest.raises(ValidationError):
        unit_report_in(unit=summoned[1], actor=bureau_a.staff)
    summoned[1].refresh_from_db()
    assert summoned[1].reported_in_at is None


@pytest.mark.parametrize(
    "model", [Report, TimelineEvent, Photo, JoinedUnit, Supervision], ids=lambda m: m.__name__
)
def test_predicates_and_twins_agree_with_joined_units(world, summoned, bureau_a, model):
    unit_report_in(unit=summoned[0], actor=world.department_staff_a)
    unit_note_add(
        unit=summoned[0], actor=world.department_staff_a, note="到场", photos=[process_photo(jpeg())]
    )
    assert_twin_agrees(model, [*world_personas(world), bureau_a.staff])


@pytest.mark.parametrize("perm", ["reports.report_in", "reports.add_note", "reports.handle_report"])
def test_the_units_permissions_agree_with_their_twins(world, summoned, bureau_a, perm):
    model = Report if perm == "reports.handle_report" else JoinedUnit
    for person in [*world_personas(world), bureau_a.staff]:
        twin = set(visible_to(person, model.objects.all(), perm=perm))
        assert twin == {obj for obj in model.objects.all() if person.has_perm(perm, obj)}, person
