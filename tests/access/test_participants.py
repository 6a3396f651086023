"""
Participants' rights are rows of the one table: residents, council members, organization members
and volunteers, and a resident awaiting verification, each with a grant reaching below, above or
around their place; and anyone, signed in or not, through a public grant (a filed organization, its
activities). Every participant permission's predicate agrees with its queryset twin on generated
trees, for these people and for an anonymous visitor, and a resident of one community reaches
nothing of another community's hall.
"""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from apps.access.permissions import PERMISSION_ROLES, Grant, Reach
from apps.access.roles import Role
from apps.access.visibility import visible_to
from apps.halls.models import Comment, CoSignature, Hall, Meeting, Topic, Vote
from apps.halls.services import hall_for
from apps.halls.topics.discussion import comment_post
from apps.halls.topics.services import topic_raise
from apps.organizations.models import Activity, Campaign, Organization
from apps.places.models import Department, Place
from apps.reports.models import Report
from apps.reports.selectors import reportable_places
from tests.factories import person_with_role
from tests.scoping import assert_twin_agrees_on, world_personas

PARTICIPANT_PERMISSIONS = {
    Hall: ["halls.read_hall", "halls.take_part", "halls.raise_topic"],
    Topic: ["halls.read_hall", "halls.take_part", "halls.comment_topic", "halls.cosign_topic"],
    Comment: ["halls.take_part", "halls.flag_comment"],
    Vote: ["halls.read_hall", "halls.cast_ballot"],
    Meeting: ["halls.read_hall", "halls.register_for_meeting", "halls.approve_minutes"],
    Organization: ["organizations.reach_organization", "organizations.read_organization"],
    Activity: [
        "organizations.join_activity",
        "organizations.reach_organization",
        "organizations.read_activity",
    ],
    Campaign: ["organizations.join_campaign", "organizations.read_campaign"],
    Place: ["reports.add_report", "places.view_place"],
    Department: ["places.view_department"],
}


@pytest.fixture
def halls(world, participants):
    """A hall on each street and each community, each with a topic, a comment, a vote and a meeting;
    an organization in every community with an activity for residents, one for members and a
    campaign, and one still applying with an activity and a campaign of its own. Returns the
    community halls by community id."""
    made = {}
    now = timezone.now()
    for street in (world.street_a, world.street_b):
        Hall.objects.create(place=street, name=f"{street.name}议事厅")
    for community in world.communities(world.street_a) + world.communities(world.street_b):
        hall = hall_for(community)
        author = person_with_role(Role.RESIDENT, place=world.households(community)[-1])
        topic = topic_raise(hall=hall, user=author, title=f"{community.name}议题", body="…")
        comment_post(topic=topic, author=author, body="意见")
        Vote.objects.create(
            hall=hall,
            title="方案",
            rule="household",
            created_by=author,
            scope=community,
            opens_at=now,
            closes_at=now + timedelta(days=1),
        )
        Meeting.objects.create(
            hall=hall,
            title="议事会",
            venue="活动室",
            created_by=author,
            starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=2),
        )
        team = Organization.objects.filter(place=community).first() or Organization.objects.create(
            name=f"{community.name}队", place=community, category="service", status="active"
        )
        applying = Organization.objects.create(
            name=f"{community.name}筹备队", place=community, category="service", status="applied"
        )
        for organization, audiences in ((team, Activity.Audience.values), (applying, ["residents"])):
            for audience in audiences:
                Activity.objects.create(
                    organization=organization,
                    kind="service",
                    title="楼道清洁",
                    venue="活动室",
                    starts_at=now + timedelta(days=1),
                    ends_at=now + timedelta(days=1, hours=2),
                    capacity=10,
                    audience=audience,
                )
            Campaign.objects.create(
                organization=organization,
                title="垃圾分类",
                starts_on=now.date(),
                ends_on=now.date() + timedelta(days=7),
                window_opens=time(7),
                window_closes=time(9),
                rule="photo",
            )
        made[community.pk] = hall
    return made


@pytest.mark.parametrize("model", PARTICIPANT_PERMISSIONS, ids=lambda m: m.__name__)
def test_participant_predicates_and_their_twins_agree_on_every_object(world, participants, halls, model):
    people = [*world_personas(world), *participants.people(), AnonymousUser()]
    assert_twin_agrees_on(model, PARTICIPANT_PERMISSIONS[model], people)


def test_every_participant_permission_is_covered_by_the_twin_test():
    covered = {perm for perms in PARTICIPANT_PERMISSIONS.values() for perm in perms}
    reaching = {
        perm
        for perm, entry in PERMISSION_ROLES.items()
        if not isinstance(entry, frozenset)
        and any(isinstance(grant, Grant) and (grant.reach != Reach.BELOW or grant.public) for grant in entry)
    }
    assert reaching - {"halls.file_objection", "halls.rate_task"} <= covered


def test_a_resident_reads_and_takes_part_in_the_halls_of_their_compound_community_and_street(
    world, participants, halls
):
    readable = set(visible_to(participants.resident_a1, Hall.objects.all(), perm="halls.take_part"))
    street_hall = Hall.objects.get(place=world.street_a)
    assert readable == {halls[world.community_a1.pk], street_hall}


def test_a_council_member_takes_part_around_their_compound_and_speaks_for_its_households(
    world, participants, halls
):
    hall = halls[world.community_a1.pk]
    assert participants.council_a1.has_perm("halls.take_part", hall)
    assert participants.council_a1.has_perm("halls.file_objection", hall.topics.get())
    assert not participants.council_a1.has_perm("halls.cosign_topic", hall.topics.get())
    assert not participants.council_a1.has_perm("halls.take_part", halls[world.community_a2.pk])


def test_a_resident_awaiting_verification_reads_their_hall_but_does_not_take_part(world, participants, halls):
    hall = halls[world.community_a1.pk]
    topic = hall.topics.get()
    applicant = participants.applicant_a1
    assert applicant.has_perm("halls.read_hall", hall)
    assert applicant.has_perm("halls.read_hall", topic)
    for perm in ("halls.take_part", "halls.cosign_topic", "halls.cast_ballot", "halls.comment_topic"):
        assert not applicant.has_perm(perm, topic), perm
    assert not applicant.has_perm("halls.read_hall", halls[world.community_a2.pk])


def test_a_resident_awaiting_verification_reads_the_hall_pages_and_is_refused_a_signature(
    client, world, participants, halls
):
    hall = halls[world.community_a1.pk]
    topic, meeting = hall.topics.get(), hall.meetings.get()
    client.force_login(participants.applicant_a1)
    for url in (
        reverse("halls:hall", args=[hall.pk]),
        reverse("halls:topic", args=[topic.pk]),
        reverse("halls:meeting", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("halls:topic", args=[topic.pk])).content.decode()
    for action in ("halls:topic_cosign", "halls:comment_post", "halls:topic_follow"):
        assert reverse(action, args=[topic.pk]) not in page, action
    assert (
        reverse("halls:meeting_register", args=[meeting.pk])
        not in client.get(reverse("halls:meeting", args=[meeting.pk])).content.decode()
    )
    client.post(reverse("halls:topic_cosign", args=[topic.pk]))
    signers = CoSignature.objects.filter(topic=topic).values_list("user", flat=True)
    assert list(signers) == [topic.raised_by_id]  # the proposer's household only


def test_organization_members_and_volunteers_join_their_organizations_activities_only(
    world, participants, halls
):
    own = Activity.objects.filter(organization=participants.team)
    for person in (participants.member, participants.volunteer):
        joinable = set(visible_to(person, Activity.objects.all(), perm="organizations.join_activity"))
        assert joinable == set(own)


def test_residents_join_public_activities_of_their_community_only(world, participants, halls):
    joinable = set(
        visible_to(participants.resident_a1, Activity.objects.all(), perm="organizations.join_activity")
    )
    assert joinable == set(
        Activity.objects.filter(organization__place=world.community_a1, audience=Activity.Audience.RESIDENTS)
    )


def test_residents_and_applicants_report_from_the_web_at_their_own_unit_only(world, participants):
    households = world.households(world.community_a1)
    for person, household in (
        (participants.resident_a1, households[0]),
        (participants.applicant_a1, households[1]),
    ):
        channels = reportable_places(person)
        assert set(channels) == {Report.Source.WEB}
        assert list(channels[Report.Source.WEB]) == [Place.objects.get_parent(household)]
    assert not reportable_places(participants.member)


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("halls:hall", "hall"),
        ("halls:topic", "topic"),
        ("halls:vote", "vote"),
        ("halls:meeting", "meeting"),
        ("halls:topic_new", "hall"),
    ],
)
def test_a_resident_of_another_community_fetches_nothing_of_its_hall(
    client, world, participants, halls, name, target
):
    hall = halls[world.community_a1.pk]
    found = {
        "hall": hall,
        "topic": hall.topics.get(),
        "vote": hall.votes.get(),
        "meeting": hall.meetings.get(),
    }
    client.force_login(participants.resident_b1)
    missing = client.get(reverse(name, args=[987654321])).status_code
    assert client.get(reverse(name, args=[found[target].pk])).status_code == missing == 404


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("halls:topic_cosign", "topic"),
        ("halls:comment_post", "topic"),
        ("halls:topic_follow", "topic"),
        ("halls:vote_cast", "vote"),
        ("halls:meeting_register", "meeting"),
        ("halls:comment_flag", "comment"),
    ],
)
def test_a_resident_of_another_community_takes_part_in_nothing_of_its_hall(
    client, world, participants, halls, name, target
):
    hall = halls[world.community_a1.pk]
    topic = hall.topics.get()
    found = {"topic": topic, "vote": hall.votes.get(), "meeting": hall.meetings.get()}
    found["comment"] = Comment.objects.get(topic=topic)
    client.force_login(participants.resident_b1)
    missing = client.post(reverse(name, args=[987654321]), {"body": "x", "choice": "1"}).status_code
    answer = client.post(reverse(name, args=[found[target].pk]), {"body": "x", "choice": "1"})
    assert answer.status_code == missing == 404
    assert not Comment.objects.filter(author=participants.resident_b1).exists()
    signers = CoSignature.objects.filter(topic=topic).values_list("user", flat=True)
    assert list(signers) == [topic.raised_by_id]  # the proposer's household only


@pytest.mark.parametrize("path", ["halls/{hall}/", "topics/{topic}/", "votes/{vote}/", "meetings/{meeting}/"])
def test_the_api_answers_alike_for_another_communitys_hall_and_a_missing_one(
    client, world, participants, halls, path
):
    from rest_framework.test import APIClient

    hall = halls[world.community_a1.pk]
    ids = {"hall": hall.pk, "topic": hall.topics.get().pk, "vote": hall.votes.get().pk}
    ids["meeting"] = hall.meetings.get().pk
    api = APIClient()
    api.force_authenticate(participants.resident_b1)
    foreign = api.get("/api/v1/" + path.format(**ids))
    missing = api.get("/api/v1/" + path.format(**dict.fromkeys(ids, 987654321)))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_the_category_suggester_ignores_a_place_the_caller_may_not_see(world, suggestion_catalogue):
    from rest_framework.test import APIClient

    url = "/api/v1/categories/suggest/"
    anonymous = APIClient()
    seen = anonymous.post(url, {"text": "暖气不热", "place": world.community_a1.pk}, format="json")
    missing = anonymous.post(url, {"text": "暖气不热", "place": 987654321}, format="json")
    assert seen.status_code == missing.status_code == 200
    assert seen.json() == missing.json()


def test_a_verified_resident_is_offered_the_signature_the_comment_and_the_registration(
    client, world, participants, halls
):
    hall = halls[world.community_a1.pk]
    topic, meeting = hall.topics.get(), hall.meetings.get()
    client.force_login(participants.resident_a1)
    page = client.get(reverse("halls:topic", args=[topic.pk])).content.decode()
    for action in ("halls:topic_cosign", "halls:comment_post", "halls:topic_follow"):
        assert reverse(action, args=[topic.pk]) in page, action
    assert (
        reverse("halls:meeting_register", args=[meeting.pk])
        in client.get(reverse("halls:meeting", args=[meeting.pk])).content.decode()
    )


def test_anyone_reads_a_public_organization_and_its_activities_and_nothing_of_one_still_applying(
    client, world, participants, halls
):
    public = Organization.objects.get(place=world.community_b1, status="active")
    applying = Organization.objects.get(place=world.community_b1, status="applied")
    pages = {
        organization: [
            reverse("organizations:organization", args=[organization.pk]),
            reverse("organizations:activity", args=[organization.activities.first().pk]),
        ]
        for organization in (public, applying)
    }
    for url in pages[public]:
        assert client.get(url).status_code == 200
    for url in pages[applying]:
        assert client.get(url).status_code == 404
    client.force_login(world.staff_b1)  # the staff of its community read it
    for url in pages[applying]:
        assert client.get(url).status_code == 200
    client.force_login(world.staff_a1)
    for url in pages[applying]:
        assert client.get(url).status_code == 404
