"""Organizations and activities through the REST API: nothing of a place where the person holds no
role, sign-up with capacity and waitlist, cancellation, and check-in with the minute code."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.organizations.codes import activity_code
from apps.organizations.models import Activity, Organization, Signup
from apps.organizations.services.activities import signup_create
from tests.factories import UserFactory, person_with_role


def english(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


class Club:
    """An active volunteer team of community 甲1 with its leader and two residents of 甲1; an active
    team of community 乙1; a team of 甲1 whose registration is still pending."""

    def __init__(self, world):
        self.team = Organization.objects.create(
            name="甲一志愿服务队", place=world.community_a1, category="service", status="active"
        )
        self.other_team = Organization.objects.create(
            name="乙一文体队", place=world.community_b1, category="culture", status="active"
        )
        self.pending = Organization.objects.create(
            name="甲一读书会", place=world.community_a1, category="culture", status="applied"
        )
        self.leader = UserFactory(display_name="队长")
        role_grant(user=self.leader, role=Role.ORGANIZATION_LEADER, organization=self.team)
        households = world.households(world.community_a1)
        self.resident = person_with_role(Role.RESIDENT, place=households[0], display_name="张阿姨")
        self.neighbour = person_with_role(Role.RESIDENT, place=households[1], display_name="李大爷")

    def activity(self, *, starts_in=timedelta(days=1), capacity=10, **fields):
        starts_at = timezone.now() + starts_in
        return Activity.objects.create(
            organization=fields.pop("organization", self.team),
            kind=fields.pop("kind", "service"),
            title=fields.pop("title", "楼道清洁"),
            venue="社区活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=capacity,
            **fields,
        )


@pytest.fixture
def club(world) -> Club:
    return Club(world)


# who reaches what


def test_a_resident_lists_the_public_organizations_of_their_community(club):
    names = [o["name"] for o in english(club.resident).get("/api/v1/organizations/").json()["results"]]
    assert names == ["甲一志愿服务队"]


def test_staff_also_see_the_organizations_awaiting_filing(world, club):
    names = [o["name"] for o in english(world.staff_a1).get("/api/v1/organizations/").json()["results"]]
    assert names == ["甲一志愿服务队", "甲一读书会"]


def test_a_leader_sees_their_organization_wherever_they_live(club):
    found = english(club.leader).get("/api/v1/organizations/").json()["results"]
    assert [(o["name"], o["members_count"]) for o in found] == [("甲一志愿服务队", 1)]


def test_organizations_list_is_empty_for_a_person_without_a_role_there(world, club):
    assert english(world.outsider).get("/api/v1/organizations/").json()["results"] == []
    others = english(world.staff_b1).get("/api/v1/organizations/").json()["results"]
    assert [o["name"] for o in others] == ["乙一文体队"]


def test_activities_list_is_empty_for_a_person_without_a_role_there(world, club):
    club.activity()
    assert english(world.outsider).get("/api/v1/activities/").json()["results"] == []
    assert english(world.staff_b1).get("/api/v1/activities/").json()["results"] == []
    assert len(english(club.resident).get("/api/v1/activities/").json()["results"]) == 1


READS = [
    "/api/v1/organizations/{organization}/",
    "/api/v1/activities/{activity}/",
]


@pytest.mark.parametrize("url", READS)
def test_an_object_of_another_community_is_not_found(world, club, url):
    url = url.format(organization=club.team.pk, activity=club.activity().pk)
    for stranger in (world.outsider, world.staff_b1, club_other_leader(club)):
        response = english(stranger).get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert english(club.resident).get(url).status_code == 200


def club_other_leader(club):
    leader = UserFactory(display_name="乙队长")
    role_grant(user=leader, role=Role.ORGANIZATION_LEADER, organization=club.other_team)
    return leader


def test_an_organization_awaiting_filing_is_not_found_by_residents(world, club):
    assert english(club.resident).get(f"/api/v1/organizations/{club.pending.pk}/").status_code == 404
    assert english(world.staff_a1).get(f"/api/v1/organizations/{club.pending.pk}/").status_code == 200


@pytest.mark.parametrize(
    "method,suffix,body",
    [
        ("get", "signup/", None),
        ("post", "signup/", None),
        ("delete", "signup/", None),
        ("post", "check-in/", {}),
    ],
)
def test_acting_on_an_activity_of_another_community_is_not_found(world, club, method, suffix, body):
    activity = club.activity(starts_in=timedelta(minutes=10))
    signup_create(activity=activity, user=club.resident)
    stranger = english(world.outsider)
    if body is not None:
        body = {"code": activity_code(activity)}
    response = getattr(stranger, method)(f"/api/v1/activities/{activity.pk}/{suffix}", body, format="json")
    assert response.status_code == 404
    assert list(Signup.objects.values_list("user", "status", "checked_in_at")) == [
        (club.resident.pk, "confirmed", None)
    ]


# sign-up and cancellation


def test_a_resident_signs_up_for_an_activity(club):
    activity = club.activity()
    response = english(club.resident).post(f"/api/v1/activities/{activity.pk}/signup/")
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    detail = english(club.resident).get(f"/api/v1/activities/{activity.pk}/").json()
    assert (detail["taken"], detail["waiting"]) == (1, 0)
    assert "code_secret" not in detail


def test_signing_up_twice_makes_one_sign_up(club):
    activity = club.activity()
    client = english(club.resident)
    client.post(f"/api/v1/activities/{activity.pk}/signup/")
    again = client.post(f"/api/v1/activities/{activity.pk}/signup/")
    assert again.status_code == 400 and again.json()["message"] == "You have already signed up."
    assert Signup.objects.count() == 1


def test_a_full_activity_without_a_waitlist_refuses_the_sign_up(club):
    activity = club.activity(capacity=1, waitlist=False)
    english(club.resident).post(f"/api/v1/activities/{activity.pk}/signup/")
    response = english(club.neighbour).post(f"/api/v1/activities/{activity.pk}/signup/")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "This activity is full.",
        "fields": {"non_field_errors": ["This activity is full."]},
    }
    assert not Signup.objects.filter(user=club.neighbour).exists()


def test_a_full_activity_with_a_waitlist_queues_and_a_cancellation_moves_it_up(club):
    activity = club.activity(capacity=1)
    english(club.resident).post(f"/api/v1/activities/{activity.pk}/signup/")
    queued = english(club.neighbour).post(f"/api/v1/activities/{activity.pk}/signup/")
    assert queued.status_code == 201 and queued.json()["status"] == "waitlisted"
    cancelled = english(club.resident).delete(f"/api/v1/activities/{activity.pk}/signup/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert (
        english(club.neighbour).get(f"/api/v1/activities/{activity.pk}/signup/").json()["status"]
        == "confirmed"
    )


def test_cancelling_without_a_sign_up_says_so(club):
    activity = club.activity()
    response = english(club.resident).delete(f"/api/v1/activities/{activity.pk}/signup/")
    assert response.status_code == 404
    assert response.json()["message"] == "You have not signed up for this activity."


def test_a_members_only_activity_refuses_a_resident(club):
    activity = club.activity(audience="members")
    response = english(club.resident).post(f"/api/v1/activities/{activity.pk}/signup/")
    assert response.status_code == 400
    assert response.json()["message"] == "This activity is open to the organization's members only."
    assert english(club.leader).post(f"/api/v1/activities/{activity.pk}/signup/").status_code == 201


# check-in with the minute code


def test_a_resident_checks_in_with_the_code_shown_now(club):
    activity = club.activity(starts_in=timedelta(minutes=10))
    signup_create(activity=activity, user=club.resident)
    response = english(club.resident).post(
        f"/api/v1/activities/{activity.pk}/check-in/", {"code": activity_code(activity)}, format="json"
    )
    assert response.status_code == 200 and response.json()["checked_in_at"] is not None


def test_a_wrong_or_stale_code_is_refused(club):
    activity = club.activity(starts_in=timedelta(minutes=10))
    signup_create(activity=activity, user=club.resident)
    stale = activity_code(activity)
    client = english(club.resident)
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        answers = [
            client.post(f"/api/v1/activities/{activity.pk}/check-in/", {"code": code}, format="json")
            for code in ("0000000000", stale)
        ]
    for answer in answers:
        assert answer.status_code == 400
        assert answer.json()["message"] == (
            "This code has expired or belongs to another activity. Scan the code shown now."
        )
    assert Signup.objects.get().checked_in_at is None


def test_checking_in_twice_is_refused(club):
    activity = club.activity(starts_in=timedelta(minutes=10))
    signup_create(activity=activity, user=club.resident)
    client = english(club.resident)
    client.post(
        f"/api/v1/activities/{activity.pk}/check-in/", {"code": activity_code(activity)}, format="json"
    )
    again = client.post(
        f"/api/v1/activities/{activity.pk}/check-in/", {"code": activity_code(activity)}, format="json"
    )
    assert again.status_code == 400 and again.json()["message"] == "You are already checked in."


def test_checking_in_without_a_sign_up_is_refused(club):
    activity = club.activity(starts_in=timedelta(minutes=10))
    response = english(club.resident).post(
        f"/api/v1/activities/{activity.pk}/check-in/", {"code": activity_code(activity)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "You have not signed up for this activity."


def test_a_check_in_without_a_code_is_refused_field_by_field(club):
    activity = club.activity(starts_in=timedelta(minutes=10))
    response = english(club.resident).post(f"/api/v1/activities/{activity.pk}/check-in/", {}, format="json")
    assert response.status_code == 400 and "code" in response.json()["fields"]


# filters and query counts


def test_activities_filter_by_organization_and_start(club):
    soon = club.activity(title="明天的")
    club.activity(title="下周的", starts_in=timedelta(days=7))
    client = english(club.resident)
    found = client.get(
        "/api/v1/activities/",
        {"organization": club.team.pk, "starts_before": (timezone.now() + timedelta(days=2)).isoformat()},
    ).json()["results"]
    assert [a["id"] for a in found] == [soon.pk]


def test_listing_organizations_and_activities_costs_the_same_queries_as_they_grow(
    world, club, django_assert_max_num_queries
):
    client = english(club.resident)
    club.activity()
    counts = {}
    for url in ("/api/v1/organizations/", "/api/v1/activities/"):
        with django_assert_max_num_queries(8) as captured:
            client.get(url)
        counts[url] = len(captured)
    for n in range(12):
        team = Organization.objects.create(
            name=f"甲一第{n}队", place=world.community_a1, category="culture", status="active"
        )
        activity = club.activity(organization=team, title=f"活动{n}")
        signup_create(activity=activity, user=club.neighbour)
    for url, before in counts.items():
        with django_assert_max_num_queries(before):
            client.get(url)
    assert len(client.get("/api/v1/activities/").json()["results"]) == 13
