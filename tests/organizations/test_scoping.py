"""
Staff of another community and a member of another organization see and change nothing of an
organization's applications, activities, sign-ups, corrections, campaigns, check-ins and claims;
every predicate agrees with its queryset twin.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.organizations.models import (
    Activity,
    Application,
    Campaign,
    CheckIn,
    HoursCorrection,
    Organization,
    RewardClaim,
    RewardTier,
    Signup,
    StatusChange,
)
from tests.scoping import assert_twin_agrees

MODELS = [
    Organization,
    StatusChange,
    Application,
    Activity,
    Signup,
    HoursCorrection,
    Campaign,
    CheckIn,
    RewardClaim,
]


@pytest.fixture
def both(club):
    """Every kind of object for each of the two teams (甲1 and 乙1)."""
    from django.utils import timezone

    for team, person in ((club.team, club.resident), (club.other_team, club.world.outsider)):
        StatusChange.objects.create(organization=team, from_status="filed", to_status="active")
        Application.objects.create(organization=team, user=person)
        activity = club.activity(organization=team)
        signup = Signup.objects.create(activity=activity, organization=team, user=person, status="confirmed")
        HoursCorrection.objects.create(signup=signup, organization=team, hours=Decimal(1), reason="补")
        today = timezone.localdate()
        campaign = Campaign.objects.create(
            organization=team,
            title="打卡",
            starts_on=today,
            ends_on=today + timedelta(days=20),
            window_opens="07:00",
            window_closes="09:00",
            rule="photo",
        )
        tier = RewardTier.objects.create(campaign=campaign, days=1, reward="毛巾")
        CheckIn.objects.create(campaign=campaign, organization=team, user=person, day=today)
        RewardClaim.objects.create(tier=tier, organization=team, user=person)


def personas(world, club):
    return [
        world.staff_a1,
        world.staff_a2,
        world.staff_b1,
        world.official_a,
        world.outsider,
        club.leader,
        club.volunteer,
        club.other_leader,
        club.resident,
    ]


def of_team(model, team):
    field = "pk" if model is Organization else "organization"
    return set(model.objects.filter(**{field: team.pk}).values_list("pk", flat=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree(world, club, both, model):
    assert_twin_agrees(model, personas(world, club))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_staff_of_another_community_see_nothing(world, club, both, model):
    for staff in (world.staff_a2, world.staff_b1):
        assert not set(visible_to(staff, model.objects.all()).values_list("pk", flat=True)) & of_team(
            model, club.team
        )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_leader_of_another_organization_sees_nothing(world, club, both, model):
    visible = set(visible_to(club.other_leader, model.objects.all()).values_list("pk", flat=True))
    assert not visible & of_team(model, club.team)
    assert visible <= of_team(model, club.other_team)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_staff_of_the_community_see_their_organizations_objects(world, club, both, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    assert of_team(model, club.team) <= visible


@pytest.mark.parametrize(
    "perm",
    [
        "organizations.change_organization",
        "organizations.decide_application",
        "organizations.change_activity",
        "organizations.check_in_activity",
        "organizations.confirm_hours",
        "organizations.change_campaign",
        "organizations.redeem_rewardclaim",
    ],
)
def test_no_one_outside_changes_anything(world, club, both, perm):
    model_name = perm.split("_", 1)[1]
    objects = {
        "organization": [club.team],
        "application": list(Application.objects.filter(organization=club.team)),
        "activity": list(Activity.objects.filter(organization=club.team)),
        "in_activity": list(Activity.objects.filter(organization=club.team)),
        "hours": list(Activity.objects.filter(organization=club.team)),
        "campaign": list(Campaign.objects.filter(organization=club.team)),
        "rewardclaim": list(RewardClaim.objects.filter(organization=club.team)),
    }[model_name]
    for outsider in (world.staff_a2, world.staff_b1, club.other_leader, club.resident):
        assert not any(outsider.has_perm(perm, obj) for obj in objects), (outsider, perm)
    assert all(world.staff_a1.has_perm(perm, obj) for obj in objects)


ADMIN_LISTS = [
    "admin:organizations_organization_changelist",
    "admin:organizations_activity_changelist",
    "admin:organizations_application_changelist",
    "admin:organizations_campaign_changelist",
    "admin:organizations_rewardclaim_changelist",
]


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_the_admin_lists_show_staff_nothing_of_other_communities(client, world, club, both, name):
    client.force_login(world.staff_b1)
    response = client.get(reverse(name))
    assert response.status_code == 200
    shown = {
        obj.organization_id if hasattr(obj, "organization_id") else obj.pk
        for obj in response.context["cl"].result_list
    }
    assert club.team.pk not in shown and shown


def test_the_admin_change_page_of_another_communitys_activity_is_not_found(client, world, club, both):
    client.force_login(world.staff_b1)
    activity = Activity.objects.filter(organization=club.team).first()
    response = client.get(reverse("admin:organizations_activity_change", args=[activity.pk]), follow=True)
    assert club.team.name not in response.content.decode()
