import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency
from apps.accounts.services import residency_claim, residency_refuse, residency_verify
from tests.factories import UserFactory


@pytest.fixture
def claimant(db):
    return UserFactory(display_name="王芳")


@pytest.fixture
def claim(world, claimant):
    household = world.households(world.community_a1)[0]
    return residency_claim(
        user=claimant, household=household, relation="owner", proof="房产证 X京房权证字第1号"
    )


def test_a_resident_claims_a_household_through_the_pages(client, world, claimant):
    household = world.households(world.community_a1)[1]
    client.force_login(claimant)
    browse = client.get(reverse("accounts:residency_browse"), {"place": world.community_a1.pk})
    assert world.compound(world.community_a1).name in browse.content.decode()
    response = client.post(
        reverse("accounts:residency_claim", args=[household.pk]),
        {"relation": "tenant", "proof": "租赁合同 2026-001", "community": world.community_a1.pk},
    )
    assert response.status_code == 302
    assert Residency.objects.get(user=claimant).status == Residency.Status.CLAIMED


def test_claiming_the_same_household_twice_makes_one_claim_and_says_why(client, world, claim, claimant):
    client.force_login(claimant)
    response = client.post(
        reverse("accounts:residency_claim", args=[claim.household.pk]),
        {"relation": "owner", "proof": "again", "community": world.community_a1.pk},
    )
    assert response.status_code == 200
    assert "已经申报" in response.content.decode()
    assert Residency.objects.filter(user=claimant).count() == 1


def test_a_claim_for_a_household_of_another_community_is_refused_with_a_message(client, world, claimant):
    foreign = world.households(world.community_b1)[0]
    client.force_login(claimant)
    response = client.post(
        reverse("accounts:residency_claim", args=[foreign.pk]),
        {"relation": "owner", "proof": "房产证", "community": world.community_a1.pk},
    )
    assert response.status_code == 200
    assert "不在您选择的社区" in response.content.decode()
    assert not Residency.objects.exists()


def test_verifying_a_claim_makes_the_person_a_resident_of_the_household(world, claim):
    residency_verify(residency=claim, by=world.staff_a1)
    claim.refresh_from_db()
    assert claim.status == Residency.Status.VERIFIED
    assert (
        RoleAssignment.objects.active()
        .filter(user=claim.user, role=Role.RESIDENT, place=claim.household)
        .exists()
    )


def test_staff_of_another_community_cannot_verify_the_claim(world, claim):
    with pytest.raises(PermissionDenied):
        residency_verify(residency=claim, by=world.staff_a2)
    claim.refresh_from_db()
    assert claim.status == Residency.Status.CLAIMED


def test_refusing_a_claim_needs_a_reason(world, claim):
    with pytest.raises(ValidationError):
        residency_refuse(residency=claim, by=world.staff_a1, reason="  ")
    claim.refresh_from_db()
    assert claim.status == Residency.Status.CLAIMED


def test_the_resident_sees_the_refusal_and_its_reason_on_my_home(client, world, claim):
    residency_refuse(residency=claim, by=world.staff_a1, reason="房产证号与登记不符")
    client.force_login(claim.user)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "房产证号与登记不符" in page
    assert "未通过" in page


def test_staff_verify_claims_in_bulk_from_the_admin(client, world, claim):
    client.force_login(world.staff_a1)
    response = client.post(
        reverse("admin:accounts_residency_changelist"),
        {"action": "verify_selected", "_selected_action": [claim.pk]},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Residency.Status.VERIFIED


def test_staff_refuse_a_claim_in_the_admin_only_with_a_reason(client, world, claim):
    client.force_login(world.staff_a1)
    url = reverse("admin:accounts_residency_change", args=[claim.pk])
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Residency.Status.CLAIMED
    client.post(url, {"decision": "refuse", "reason": "无法核实"})
    claim.refresh_from_db()
    assert (claim.status, claim.reason) == (Residency.Status.REFUSED, "无法核实")
