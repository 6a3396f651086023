import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.organizations.models import Application
from apps.organizations.services.membership import (
    membership_apply,
    membership_decide,
    membership_end,
    memberships_of,
)


@pytest.fixture
def application(club):
    return membership_apply(user=club.resident, organization=club.team, note="想参加")


def test_a_leader_approves_an_application_granting_the_member_role(application, club):
    membership_decide(application=application, actor=club.leader, approve=True)
    assert memberships_of(club.team).filter(user=club.resident, role=Role.ORGANIZATION_MEMBER).exists()


def test_a_leader_refuses_an_application_with_a_reason(application, club):
    with pytest.raises(ValidationError):
        membership_decide(application=application, actor=club.leader, approve=False)
    membership_decide(application=application, actor=club.leader, approve=False, reason="名额已满")
    application.refresh_from_db()
    assert application.status == Application.Status.REFUSED
    assert not memberships_of(club.team).filter(user=club.resident).exists()


def test_applying_twice_while_waiting_is_refused(application, club):
    with pytest.raises(ValidationError):
        membership_apply(user=club.resident, organization=club.team)


def test_applying_when_already_a_member_is_refused(application, club):
    membership_decide(application=application, actor=club.leader, approve=True)
    with pytest.raises(ValidationError):
        membership_apply(user=club.resident, organization=club.team)


def test_a_leader_of_another_organization_cannot_decide(application, club):
    with pytest.raises(PermissionDenied):
        membership_decide(application=application, actor=club.other_leader, approve=True)


def test_a_volunteer_cannot_decide(application, club):
    with pytest.raises(PermissionDenied):
        membership_decide(application=application, actor=club.volunteer, approve=True)


def test_a_person_may_belong_to_several_organizations(club):
    for team, leader in ((club.team, club.leader), (club.other_team, club.other_leader)):
        membership_decide(
            application=membership_apply(user=club.resident, organization=team), actor=leader, approve=True
        )
    assert RoleAssignment.objects.active().filter(user=club.resident, organization__isnull=False).count() == 2


def test_a_suspended_organization_takes_no_members(club):
    club.team.status = "suspended"
    club.team.save()
    with pytest.raises(ValidationError):
        membership_apply(user=club.resident, organization=club.team)


def test_a_leader_ends_a_membership_but_another_leader_cannot(application, club):
    membership_decide(application=application, actor=club.leader, approve=True)
    assignment = memberships_of(club.team).get(user=club.resident)
    with pytest.raises(PermissionDenied):
        membership_end(assignment=assignment, actor=club.other_leader)
    membership_end(assignment=assignment, actor=club.leader)
    assert not memberships_of(club.team).filter(user=club.resident).exists()


def test_the_approved_person_is_told(application, club):
    from apps.notifications.models import Notification

    membership_decide(application=application, actor=club.leader, approve=True)
    assert Notification.objects.filter(user=club.resident).count() == 1


def test_a_resident_applies_and_the_leader_approves_on_the_web(client, club):
    client.force_login(club.resident)
    client.post(reverse("organizations:join", args=[club.team.pk]), {"role": "organization_volunteer"})
    application = Application.objects.get(user=club.resident)
    client.force_login(club.leader)
    page = reverse("organizations:members", args=[club.team.pk])
    assert club.resident.display_name in client.get(page).content.decode()
    client.post(page, {"application": application.pk, "approve": "on"})
    assert memberships_of(club.team).filter(user=club.resident, role=Role.ORGANIZATION_VOLUNTEER).exists()


def test_the_members_page_of_another_organization_is_not_found(client, club):
    client.force_login(club.other_leader)
    assert client.get(reverse("organizations:members", args=[club.team.pk])).status_code == 404
