"""
Two streets with two communities each: staff of one community see and change nothing of the
others — through the queryset twins, the predicates, the pages and the admin — and every
predicate agrees with its queryset twin on every object.
"""

import pytest
from django.urls import reverse

from apps.access.models import RoleAssignment
from apps.access.visibility import visible_to
from apps.accounts.models import Residency, User
from apps.accounts.services import residency_claim
from apps.audit.models import StaffAction
from apps.audit.services import staff_action_record
from apps.organizations.models import Organization
from apps.places.models import Department, ManagedCompound, ManagementUnit, Place, PropertyCompany
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Board, BoardSheet, Category, Photo, Report, Supervision, TimelineEvent
from apps.reports.services import report_submit
from tests.factories import UserFactory, jpeg_bytes
from tests.scoping import assert_twin_agrees, objects_below, world_personas

MODELS = [
    Place,
    PropertyCompany,
    ManagementUnit,
    ManagedCompound,
    Department,
    User,
    Residency,
    RoleAssignment,
    Board,
    BoardSheet,
    Report,
    TimelineEvent,
    Photo,
    Supervision,
    StaffAction,
]


@pytest.fixture
def claims(world):
    """In each of the four communities: a pending residency claim, a board, a report with a photo
    and a supervision entry, a board sheet. Returns the claims by community id."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.photos import process_photo

    major = Category.objects.create(code="fac", name="设施维修", handler="property")
    lamp = Category.objects.create(parent=major, code="fac.lamp", name="楼道灯不亮", handler="property")
    made = {}
    for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2):
        household = world.households(community)[1]
        made[community.pk] = residency_claim(
            user=UserFactory(), household=household, relation="owner", proof="房产证 京(2020)第1号"
        )
        board = boards_post_for_doors(place=community)[0]
        photo = process_photo(SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"))
        report = report_submit(
            place=board.place,
            board=board,
            category=lamp,
            description="灯不亮",
            source="qr",
            reporter=made[community.pk].user,
            photos=[photo],
        )
        Supervision.objects.create(report=report, deadline="response", level=1, due_at=report.response_due)
        BoardSheet.objects.create(place=community)
        Organization.objects.create(name=f"{community.name}志愿服务队", place=community, category="service")
        staff_action_record(actor=None, action="report.dispatch", obj=report)
    return made


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree_on_every_object(world, claims, participants, model):
    assert_twin_agrees(model, world_personas(world) + participants.people())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_nothing_of_other_communities(world, claims, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    for other in (world.community_a2, world.community_b1, world.community_b2):
        foreign = {obj.pk for obj in objects_below(model, other)} - {
            obj.pk for obj in objects_below(model, world.community_a1)
        }
        assert not (visible & foreign), f"{model.__name__} of {other} leaks to staff of {world.community_a1}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_may_change_nothing_of_other_communities(world, claims, model):
    for other in (world.community_a2, world.community_b1):
        for obj in objects_below(model, other):
            for action in ("change", "delete"):
                perm = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
                if obj.pk in {o.pk for o in objects_below(model, world.community_a1)}:
                    continue  # shared with their own community, e.g. a person living in both
                assert not world.staff_a1.has_perm(perm, obj), (perm, obj)


def test_staff_see_the_objects_of_their_own_community(world, claims):
    own_claim = claims[world.community_a1.pk]
    assert visible_to(world.staff_a1, Residency.objects.all()).filter(pk=own_claim.pk).exists()
    assert world.staff_a1.has_perm("accounts.verify_residency", own_claim)
    assert not world.staff_a1.has_perm("accounts.verify_residency", claims[world.community_a2.pk])


def test_street_officials_see_every_community_of_their_street_only(world, claims):
    visible = visible_to(world.official_a, Residency.objects.all())
    assert set(visible) == {claims[world.community_a1.pk], claims[world.community_a2.pk]}


def test_property_staff_see_the_places_of_their_management_unit_only(world):
    compound = world.compound(world.community_a1)
    visible = visible_to(world.property_a1, Place.objects.all())
    assert set(visible) == set(Place.objects.filter(path__startswith=compound.path))


def test_a_resident_sees_their_own_claim_but_no_one_elses(world, claims):
    claimant = claims[world.community_a1.pk].user
    assert list(visible_to(claimant, Residency.objects.all())) == [claims[world.community_a1.pk]]


ADMIN_LISTS = {
    Report: "admin:reports_report_changelist",
    Board: "admin:reports_board_changelist",
    Place: "admin:places_place_changelist",
    PropertyCompany: "admin:places_propertycompany_changelist",
    ManagementUnit: "admin:places_managementunit_changelist",
    User: "admin:accounts_user_changelist",
    Residency: "admin:accounts_residency_changelist",
    RoleAssignment: "admin:access_roleassignment_changelist",
    StaffAction: "admin:audit_staffaction_changelist",
}


@pytest.mark.parametrize("model", list(ADMIN_LISTS), ids=lambda m: m.__name__)
def test_the_admin_list_shows_staff_nothing_of_other_communities(client, world, claims, model):
    client.force_login(world.staff_a1)
    response = client.get(reverse(ADMIN_LISTS[model]))
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        shown = {obj.pk for obj in response.context["cl"].result_list}
        own = {obj.pk for obj in objects_below(model, world.community_a1)}
        foreign = {obj.pk for obj in objects_below(model, world.community_b1)} - own
        assert not shown & foreign
        assert world.community_b1.name not in response.content.decode()


@pytest.mark.parametrize("model", list(ADMIN_LISTS), ids=lambda m: m.__name__)
def test_the_admin_change_page_of_another_communitys_object_is_not_found(client, world, claims, model):
    client.force_login(world.staff_a1)
    own = {obj.pk for obj in objects_below(model, world.community_a1)}
    foreign = [obj for obj in objects_below(model, world.community_b1) if obj.pk not in own]
    assert foreign, f"the world has no {model.__name__} in {world.community_b1}"
    url = reverse(ADMIN_LISTS[model].replace("changelist", "change"), args=[foreign[0].pk])
    response = client.get(url, follow=True)
    assert world.community_b1.name not in response.content.decode()
    assert response.status_code == 404 or response.redirect_chain[-1][0] == reverse("admin:index")
    response = client.post(url, {"name": "改名"}, follow=True)
    foreign[0].refresh_from_db()
    assert str(getattr(foreign[0], "name", "")) != "改名"


def test_a_person_without_a_staff_role_cannot_open_the_admin(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:home")


def test_staff_choices_in_admin_forms_are_scoped(client, world):
    client.force_login(world.staff_a1)
    response = client.get(reverse("admin:access_roleassignment_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.fields["place"].queryset) == set(
        Place.objects.filter(path__startswith=world.community_a1.path)
    )


def test_an_organization_leader_sees_their_organization_wherever_they_live(world, claims):
    from apps.access.roles import Role
    from apps.access.services import role_grant

    organization = Organization.objects.get(place=world.community_b2)
    role_grant(user=world.outsider, role=Role.ORGANIZATION_LEADER, organization=organization)
    assert list(visible_to(world.outsider, Organization.objects.all())) == [organization]
    assert world.outsider.has_perm("organizations.change_organization", organization)
    assert not world.outsider.has_perm(
        "organizations.change_organization", Organization.objects.get(place=world.community_b1)
    )


def test_a_federation_leader_sees_the_organizations_it_groups(world, claims):
    from apps.access.roles import Role
    from apps.access.services import role_grant

    federation = Organization.objects.create(
        name="甲街道社会组织联合会", place=world.street_a, kind="federation"
    )
    grouped = Organization.objects.filter(place__in=[world.community_a1, world.community_a2])
    grouped.update(parent=federation)
    role_grant(user=world.outsider, role=Role.ORGANIZATION_LEADER, organization=federation)
    assert set(visible_to(world.outsider, Organization.objects.all())) == {federation, *grouped}
