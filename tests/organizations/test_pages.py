from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.organizations.models import Organization, Signup
from apps.organizations.services.activities import signup_create
from tests.factories import UserFactory


def more_organizations(world, count: int):
    """`count` more active organizations in 甲1, each with two members."""
    for n in range(count):
        team = Organization.objects.create(
            name=f"队伍{n}", place=world.community_a1, category="culture", status="active"
        )
        for _ in range(2):
            role_grant(user=UserFactory(), role=Role.ORGANIZATION_MEMBER, organization=team)


def add_activities(club, count: int):
    for n in range(count):
        activity = club.activity(title=f"活动{n}", starts_in=timedelta(days=1, hours=n))
        Signup.objects.create(
            activity=activity, organization=club.team, user=UserFactory(), status="confirmed"
        )


def test_the_directory_lists_active_organizations_by_category(client, club):
    response = client.get(reverse("organizations:directory"), {"category": "service"})
    content = response.content.decode()
    assert club.team.name in content and club.other_team.name not in content


def test_the_directory_filters_by_community(client, club, world):
    response = client.get(reverse("organizations:directory"), {"community": world.community_b1.pk})
    content = response.content.decode()
    assert club.other_team.name in content and club.team.name not in content


def test_the_directory_hides_applications_not_yet_filed(client, club):
    club.team.status = "applied"
    club.team.save()
    assert club.team.name not in client.get(reverse("organizations:directory")).content.decode()


@pytest.mark.parametrize("extra", [0, 10])
def test_the_directory_takes_the_same_queries_however_many_organizations(
    client, club, world, django_assert_max_num_queries, extra
):
    more_organizations(world, extra)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("organizations:directory")).status_code == 200


@pytest.mark.parametrize("extra", [0, 10])
def test_the_organization_page_takes_the_same_queries_however_many_activities(
    client, club, django_assert_max_num_queries, extra
):
    add_activities(club, extra)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("organizations:organization", args=[club.team.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 10])
def test_the_calendar_takes_the_same_queries_however_many_activities(
    client, club, django_assert_max_num_queries, extra
):
    add_activities(club, extra)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("organizations:calendar"))
    assert response.status_code == 200


def test_the_calendar_shows_coming_activities(client, club):
    club.activity(title="太极拳课", kind="class")
    assert "太极拳课" in client.get(reverse("organizations:calendar")).content.decode()


def test_the_organization_page_shows_members_and_hours(client, club):
    activity = club.activity()
    Signup.objects.create(
        activity=activity, organization=club.team, user=club.volunteer, status="confirmed", hours=3
    )
    response = client.get(reverse("organizations:organization", args=[club.team.pk]))
    assert response.context["organization"].members_count == 2
    assert response.context["organization"].hours_total == Decimal("3")


def test_an_organization_not_yet_filed_is_not_found_by_others(client, club):
    club.team.status = "applied"
    club.team.save()
    client.force_login(club.resident)
    assert client.get(reverse("organizations:organization", args=[club.team.pk])).status_code == 404
    client.force_login(club.leader)
    assert client.get(reverse("organizations:organization", args=[club.team.pk])).status_code == 200


def test_a_resident_signs_up_from_the_activity_page(client, club):
    activity = club.activity()
    client.force_login(club.resident)
    client.post(reverse("organizations:signup", args=[activity.pk]))
    assert Signup.objects.get(activity=activity).user == club.resident
    client.post(reverse("organizations:cancel", args=[activity.pk]))
    assert Signup.objects.get(activity=activity).status == "cancelled"


def test_a_leader_publishes_from_the_web(client, club):
    from django.utils import timezone

    client.force_login(club.leader)
    starts = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("organizations:publish", args=[club.team.pk]),
        {
            "kind": "class",
            "title": "剪纸课",
            "venue": "活动室",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": 12,
            "waitlist": "on",
            "audience": "residents",
        },
    )
    assert response.status_code == 302
    assert club.team.activities.filter(title="剪纸课").exists()


def test_my_volunteer_record_shows_hours_and_activities(client, club):
    activity = club.activity(title="助老服务")
    signup = signup_create(activity=activity, user=club.resident)
    Signup.objects.filter(pk=signup.pk).update(checked_in_at=activity.starts_at, hours=Decimal("2.5"))
    client.force_login(club.resident)
    response = client.get(reverse("organizations:record"))
    assert response.context["record"].hours == Decimal("2.5")
    page = response.content.decode()
    assert "助老服务" in page
    # hours read the same everywhere: 2.5, never 2.50
    assert "2.5 hours" in page or "2.5 小时" in page or "2.5小时" in page
    assert "2.50" not in page


def test_the_record_needs_a_signed_in_person(client):
    assert client.get(reverse("organizations:record")).status_code == 302


def test_an_organization_not_yet_filed_is_told_before_the_activity_form(client, club):
    club.team.status = "applied"
    club.team.save()
    client.force_login(club.leader)
    response = client.get(reverse("organizations:publish", args=[club.team.pk]))
    assert response.status_code == 200
    assert "starts_at" not in response.content.decode()
    assert "社区工作人员备案" in response.content.decode()


def test_an_activity_is_signed_up_for_with_baoming(client, club):
    activity = club.activity()
    client.force_login(club.resident)
    page = client.get(reverse("organizations:activity", args=[activity.pk])).content.decode()
    assert ">报名</button>" in page and "注册" not in page


def test_the_organization_page_tells_its_own_people_where_they_stand_instead_of_offering_to_join(
    client, club
):
    from apps.organizations.services.membership import membership_apply

    url = reverse("organizations:organization", args=[club.team.pk])
    client.force_login(club.leader)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "申请加入" not in page and "您是本组织的负责人" in page
    client.force_login(club.resident)
    assert "申请加入" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    membership_apply(user=club.resident, organization=club.team)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    join = reverse("organizations:join", args=[club.team.pk])
    assert join not in page and "等待负责人答复" in page
