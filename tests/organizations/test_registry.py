import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.organizations.models import Organization, StatusChange
from apps.organizations.services.registry import (
    federation_create,
    organization_apply,
    organization_join_federation,
    organization_transition,
)


@pytest.fixture
def applied(world, club):
    return organization_apply(
        applicant=club.resident,
        place=world.community_a1,
        name="银发互助队",
        category="service",
        contact="138",
    )


def test_an_application_makes_the_applicant_its_leader(applied, club):
    assert applied.status == Organization.Status.APPLIED
    assert club.resident.has_perm("organizations.change_organization", applied)


def test_an_organization_needs_one_of_the_six_categories(world, club):
    with pytest.raises(ValidationError):
        organization_apply(applicant=club.resident, place=world.community_a1, name="无类别", category="")


def test_an_organization_belongs_to_a_community_or_a_street(world, club):
    compound = world.compound(world.community_a1)
    with pytest.raises(ValidationError):
        organization_apply(applicant=club.resident, place=compound, name="小区队", category="service")


def test_community_staff_file_then_activate_an_application(applied, world):
    organization_transition(organization=applied, step="file", actor=world.staff_a1)
    organization_transition(organization=applied, step="activate", actor=world.staff_a1)
    applied.refresh_from_db()
    assert applied.status == Organization.Status.ACTIVE
    assert list(applied.status_changes.values_list("to_status", flat=True)) == ["applied", "filed", "active"]


def test_refusing_an_application_needs_a_reason(applied, world):
    with pytest.raises(ValidationError):
        organization_transition(organization=applied, step="refuse", actor=world.staff_a1)
    organization_transition(organization=applied, step="refuse", actor=world.staff_a1, reason="材料不全")
    applied.refresh_from_db()
    assert (applied.status, applied.status_reason) == ("refused", "材料不全")


def test_suspending_and_dissolving_record_their_reasons(club, world):
    organization_transition(organization=club.team, step="suspend", actor=world.staff_a1, reason="整改")
    organization_transition(organization=club.team, step="dissolve", actor=world.staff_a1, reason="自愿解散")
    reasons = list(StatusChange.objects.filter(organization=club.team).values_list("reason", flat=True))
    assert reasons == ["整改", "自愿解散"]


def test_a_step_from_the_wrong_status_is_refused(club, world):
    with pytest.raises(ValidationError):
        organization_transition(organization=club.team, step="file", actor=world.staff_a1)


def test_staff_of_another_community_cannot_file(applied, world):
    with pytest.raises(PermissionDenied):
        organization_transition(organization=applied, step="file", actor=world.staff_a2)


def test_a_leader_cannot_file_their_own_organization(applied, club):
    with pytest.raises(PermissionDenied):
        organization_transition(organization=applied, step="file", actor=club.resident)


def test_a_federation_groups_organizations_and_sub_federations(world, club):
    federation = federation_create(actor=world.official_a, street=world.street_a, name="甲街道社会组织联合会")
    union = federation_create(
        actor=world.official_a, street=world.street_a, name="物业企业联合会", parent=federation
    )
    organization_join_federation(organization=club.team, federation=union, actor=world.staff_a1)
    assert club.team.parent == union and union.parent == federation


def test_a_federation_belongs_to_a_street(world):
    with pytest.raises(ValidationError):
        federation_create(actor=world.official_a, street=world.community_a1, name="社区联合会")


def test_an_organization_of_another_street_cannot_join_the_federation(world, club):
    federation = federation_create(actor=world.official_a, street=world.street_a, name="甲联合会")
    with pytest.raises(ValidationError):
        organization_join_federation(
            organization=club.other_team, federation=federation, actor=world.staff_b1
        )


def test_a_federation_leader_sees_all_its_members(world, club):
    from apps.access.roles import Role
    from apps.access.services import role_grant

    federation = federation_create(actor=world.official_a, street=world.street_a, name="甲联合会")
    union = federation_create(
        actor=world.official_a, street=world.street_a, name="商户自治协会", parent=federation
    )
    organization_join_federation(organization=club.team, federation=union, actor=world.staff_a1)
    role_grant(user=club.neighbour, role=Role.ORGANIZATION_LEADER, organization=federation)
    assert set(visible_to(club.neighbour, Organization.objects.all())) == {federation, union, club.team}


def test_staff_file_an_application_from_the_admin_with_a_reason_page(client, applied, world):
    client.force_login(world.staff_a1)
    url = reverse("admin:organizations_organization_step", args=[applied.pk, "refuse"])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": ""})
    applied.refresh_from_db()
    assert applied.status == "applied"
    client.post(url, {"reason": "重复登记"})
    applied.refresh_from_db()
    assert applied.status == "refused"


def test_staff_of_another_community_get_no_admin_step_page(client, applied, world):
    client.force_login(world.staff_b1)
    url = reverse("admin:organizations_organization_step", args=[applied.pk, "file"])
    assert client.get(url).status_code == 404


def test_the_admin_files_selected_applications_in_bulk(client, applied, world):
    client.force_login(world.staff_a1)
    changelist = reverse("admin:organizations_organization_changelist")
    client.post(changelist, {"action": "file_selected", "_selected_action": [applied.pk]})
    applied.refresh_from_db()
    assert applied.status == "filed"


def test_a_resident_registers_an_organization_from_the_web(client, world, club):
    client.force_login(club.neighbour)
    response = client.post(
        reverse("organizations:register"),
        {"name": "读书会", "category": "culture", "place": world.community_a1.pk, "description": "每周读书"},
    )
    created = Organization.objects.get(name="读书会")
    assert response.status_code == 302 and created.applicant == club.neighbour
