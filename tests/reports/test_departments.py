"""
Street departments are handlers with people: a report of a street category goes to the department
of its street; the department's staff see, handle and are told of that department's reports, and
nothing of another department's or another street's. Predicates and queryset twins agree.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.access.visibility import visible_to
from apps.notifications.models import Notification
from apps.places.models import Department
from apps.places.services import department_of_street
from apps.reports.boards import boards_post_for_doors
from apps.reports.lifecycle import TRANSITIONS
from apps.reports.models import Report, TimelineEvent
from apps.reports.services import report_submit, report_transition
from tests.factories import UserFactory
from tests.scoping import assert_twin_agrees, world_personas


@pytest.fixture
def street_reports(world, categories, django_capture_on_commit_callbacks):
    """A report of a street category (飞线充电, 平安建设办公室) in each of the four communities."""
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
            board = boards_post_for_doors(place=community)[0]
            made[community.pk] = report_submit(
                place=board.place,
                board=board,
                category=categories["wires"],
                description="飞线充电",
                source="qr",
            )
    return made


def test_a_street_category_is_routed_to_the_department_of_the_reports_street(world, street_reports):
    in_a = street_reports[world.community_a1.pk]
    in_b = street_reports[world.community_b1.pk]
    assert in_a.handler_kind == "street" and in_a.department.name == "平安建设办公室"
    assert in_a.department.place == world.street_a
    assert in_b.department.place == world.street_b
    # one department per street and name, whichever community the report came from
    assert street_reports[world.community_a2.pk].department == in_a.department


def test_department_staff_see_and_handle_their_departments_reports_only(world, street_reports):
    safety_a = street_reports[world.community_a1.pk].department
    staff = UserFactory()
    role_grant(user=staff, role=Role.DEPARTMENT_STAFF, department=safety_a)
    visible = set(visible_to(staff, Report.objects.all()))
    assert visible == {street_reports[world.community_a1.pk], street_reports[world.community_a2.pk]}
    accept = TRANSITIONS["accept"].permission
    assert staff.has_perm(accept, street_reports[world.community_a1.pk])
    assert not staff.has_perm(accept, street_reports[world.community_b1.pk])
    # another department of the same street sees none of them
    assert not visible_to(world.department_staff_a, Report.objects.all()).exists()
    assert not visible_to(world.department_staff_b, Report.objects.all()).exists()
    report = report_transition(report=street_reports[world.community_a1.pk], action="accept", actor=staff)
    assert report.events.last().actor_kind == "street"


def test_department_staff_are_told_of_a_new_report_of_their_department(
    world, categories, django_capture_on_commit_callbacks
):
    safety_a = department_of_street(place=world.street_a, name="平安建设办公室")
    staff = UserFactory()
    role_grant(user=staff, role=Role.DEPARTMENT_STAFF, department=safety_a)
    board = boards_post_for_doors(place=world.community_a1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            place=board.place, board=board, category=categories["wires"], description="飞线充电", source="qr"
        )
    told = Notification.objects.get(user=staff)
    assert told.url.endswith(reverse("admin:reports_report_change", args=[report.pk]))
    assert not Notification.objects.filter(user=world.department_staff_b).exists()


def test_the_department_staff_role_is_granted_on_a_department_only(world):
    with pytest.raises(ValidationError):
        role_grant(user=UserFactory(), role=Role.DEPARTMENT_STAFF, place=world.street_a)
    with pytest.raises(ValidationError):
        role_grant(user=UserFactory(), role=Role.COMMUNITY_STAFF, department=world.department_a)


def test_a_street_department_belongs_to_a_street(world):
    with pytest.raises(ValidationError):
        Department(name="城管", place=world.community_a1).full_clean()


@pytest.mark.parametrize(
    "model", [Report, TimelineEvent, Department, RoleAssignment], ids=lambda m: m.__name__
)
def test_predicates_and_twins_agree_with_department_staff(world, street_reports, model):
    assert_twin_agrees(model, world_personas(world))


def test_the_admin_queue_of_department_staff_lists_their_departments_reports(client, world, street_reports):
    safety_a = street_reports[world.community_a1.pk].department
    staff = UserFactory()
    role_grant(user=staff, role=Role.DEPARTMENT_STAFF, department=safety_a)
    client.force_login(staff)
    page = client.get(reverse("admin:reports_report_changelist") + "?queue=all")
    assert page.status_code == 200
    listed = set(page.context["cl"].result_list)
    assert listed == {street_reports[world.community_a1.pk], street_reports[world.community_a2.pk]}
    other = street_reports[world.community_b1.pk]
    assert client.get(reverse("admin:reports_report_change", args=[other.pk])).status_code in (302, 404)


def test_a_street_category_naming_a_department_the_street_lacks_goes_to_the_street_office(
    world, categories, board
):
    wires = categories["wires"]
    Department.objects.filter(place=world.street_a, name=wires.street_department).delete()
    before = Department.objects.count()
    report = report_submit(place=board.place, category=wires, description="飞线充电", source="qr")
    assert (report.status, report.handler_kind, report.department) == ("dispatched", "street", None)
    assert Department.objects.count() == before  # routing only reads
    assert report_transition(report=report, action="accept", actor=world.official_a).status == "accepted"


def test_a_category_saved_in_the_admin_gives_every_street_the_department_it_names(world, categories):
    from apps.reports.categories import category_departments_ensure

    wires = categories["wires"]
    wires.street_department = "应急管理办公室"
    wires.save(update_fields=["street_department"])
    category_departments_ensure(wires)
    for street in (world.street_a, world.street_b):
        assert department_of_street(place=street, name="应急管理办公室") is not None
