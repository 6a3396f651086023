"""seed_demo's community life: organizations and their people, activities, the campaign, meetings and
votes of every rule — and the personas it prints for them sign in and find their pages."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import User
from apps.demo.plan import PASSWORD
from apps.demo.selectors import demo_personas
from apps.halls.meetings.services import meeting_open
from apps.halls.models import Meeting, Minutes, Registration, Vote
from apps.halls.models.votes import Rule
from apps.organizations.models import Activity, Application, Campaign, CheckIn, Organization, Signup
from apps.places.models import Place, PlaceKind

from .conftest import built_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def street(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_for_the_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield


def organizations():
    return Organization.objects.filter(kind=Organization.Kind.ORGANIZATION)


def persona(role: str) -> User:
    """The first persona of a kind that seed_demo prints."""
    phone = next(p.phone for p in demo_personas() if p.kind == role)
    return User.objects.get(phone=phone)


def test_the_federation_groups_two_branches_and_twenty_organizations_of_the_six_categories():
    federation = Organization.objects.get(kind=Organization.Kind.FEDERATION, parent=None)
    branches = Organization.objects.filter(parent=federation, kind=Organization.Kind.FEDERATION)

    assert federation.place.kind == PlaceKind.STREET and branches.count() == 2
    assert organizations().count() == 20
    assert set(organizations().values_list("category", flat=True)) == set(Organization.Category.values)
    assert not organizations().filter(parent=None).exists()
    assert organizations().filter(parent__in=branches).exists()
    assert Counter(organizations().values_list("status", flat=True)) == {
        "active": 18,
        "filed": 1,
        "applied": 1,
    }


def test_each_organization_belongs_to_its_leaders_community():
    communities = Place.objects.filter(kind=PlaceKind.COMMUNITY)
    for organization in organizations().select_related("place"):
        assert organization.place in communities
        assert organization.name.startswith(organization.place.name.removesuffix("社区"))
        leader = RoleAssignment.objects.get(role=Role.ORGANIZATION_LEADER, organization=organization)
        homes = RoleAssignment.objects.filter(user_id=leader.user_id, role=Role.RESIDENT)
        assert homes.filter(place__path__startswith=organization.place.path).exists()


def test_organizations_that_take_members_have_volunteers_and_members_and_one_waiting_application():
    for organization in organizations().exclude(status="applied"):
        roles = Counter(
            RoleAssignment.objects.active().filter(organization=organization).values_list("role", flat=True)
        )
        assert roles == {
            Role.ORGANIZATION_LEADER: 1,
            Role.ORGANIZATION_VOLUNTEER: 2,
            Role.ORGANIZATION_MEMBER: 1,
        }
    assert Application.objects.filter(status=Application.Status.APPLIED).count() == 1


def test_past_activities_have_check_ins_confirmed_hours_and_people_served():
    past = Activity.objects.filter(ends_at__lt=timezone.now())

    assert past.count() >= 50
    assert not past.filter(people_served=0).exists()
    services = past.filter(kind=Activity.Kind.SERVICE)
    assert services.filter(hours_confirmed_at__isnull=False).count() == services.count() - 1
    assert Signup.objects.filter(activity__in=past, checked_in_at__isnull=False).count() > 300
    assert Signup.objects.filter(hours__gt=0).exists()
    for signup in Signup.objects.filter(checked_in_at__isnull=False).select_related("activity")[:200]:
        assert signup.activity.starts_at - timezone.timedelta(minutes=30) <= signup.checked_in_at
        assert signup.checked_out_at <= signup.activity.ends_at


def test_upcoming_activities_have_sign_ups_and_the_fullest_a_waitlist():
    upcoming = Activity.objects.filter(starts_at__gt=timezone.now())

    assert upcoming.count() >= 19
    assert all(a.signups.exists() for a in upcoming)
    waiting = Signup.objects.filter(status=Signup.Status.WAITLISTED).values_list("activity", flat=True)
    assert set(waiting) and set(waiting) <= set(upcoming.values_list("pk", flat=True))


def test_the_community_school_gives_a_course_of_six_lessons_three_of_them_given():
    lessons = Activity.objects.filter(kind=Activity.Kind.CLASS, title__startswith="社区学堂")

    assert lessons.count() == 6
    assert lessons.filter(ends_at__lt=timezone.now()).count() == 3
    assert lessons.get(title__contains="第4讲").signups.filter(status="waitlisted").exists()


def test_the_21_day_campaign_is_running_with_people_at_10_and_15_days():
    campaign = Campaign.objects.get()
    today = timezone.localdate()
    days = Counter(CheckIn.objects.filter(campaign=campaign).values_list("user", flat=True))

    assert campaign.starts_on < today < campaign.ends_on
    assert (campaign.ends_on - campaign.starts_on).days == 20
    assert list(campaign.tiers.values_list("days", flat=True)) == [10, 15, 21]
    assert Counter(days.values())[15] == 2 and Counter(days.values())[10] >= 3


def test_the_first_hall_has_meetings_held_today_and_to_come():
    hall_meetings = Meeting.objects.filter(
        hall__place__path=Place.objects.filter(kind="community").order_by("path")[0].path
    )
    held = hall_meetings.filter(status=Meeting.Status.CLOSED)

    assert set(Minutes.objects.filter(meeting__in=held).values_list("status", flat=True)) == {
        "published",
        "pending",
    }
    assert all(m.attendees and m.starts_at < timezone.now() for m in held)
    coming = hall_meetings.filter(status=Meeting.Status.SCHEDULED)
    assert coming.count() == 2
    assert Registration.objects.filter(meeting__in=coming, status="waitlisted").exists()
    assert (
        Meeting.objects.filter(status="scheduled").count()
        == 1 + Place.objects.filter(kind="community").count()
    )


def test_the_meeting_of_today_can_be_opened_at_the_venue_now():
    today = Meeting.objects.get(title="楼门长和居民代表碰头会")
    staff = RoleAssignment.objects.filter(role=Role.COMMUNITY_STAFF, place=today.hall.place).first().user

    assert timezone.localdate(today.starts_at) == timezone.localdate() or today.starts_at > timezone.now()
    assert meeting_open(meeting=today, by=staff).status == Meeting.Status.OPEN


def test_votes_of_every_rule_are_open_and_closed_with_results():
    votes = Vote.objects.all()

    for rule in (Rule.COUNCIL, Rule.HOUSEHOLD, Rule.OWNERS):
        assert set(votes.filter(rule=rule).values_list("status", flat=True)) == {"open", "closed"}, rule
    for vote in votes.filter(status="closed"):
        assert vote.result and vote.closed_at == vote.closes_at < timezone.now() - timezone.timedelta(days=7)
    assert votes.filter(rule=Rule.OWNERS, status="closed").get().result.approved


def test_a_vote_on_a_compounds_or_a_buildings_matter_is_put_to_that_place_only():
    places = Place.objects.filter(kind__in=[PlaceKind.COMPOUND, PlaceKind.BUILDING])
    scoped = 0
    for vote in Vote.objects.select_related("scope"):
        named = [p for p in places if vote.title.startswith(p.name)]
        if named:
            scoped += 1
            assert vote.scope.kind in (PlaceKind.COMPOUND, PlaceKind.BUILDING)
            assert vote.title.startswith(Place.objects.get(path=vote.scope.path[:16]).name)
            assert not vote.electors.exclude(household__path__startswith=vote.scope.path).exists()
    assert scoped >= 4


def test_it_prints_a_leader_a_volunteer_and_a_member():
    kinds = {p.kind for p in demo_personas()}

    assert {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER, Role.ORGANIZATION_MEMBER} <= kinds


def test_the_organization_leader_signs_in_and_finds_hours_to_confirm_and_an_application(client):
    leader = persona(Role.ORGANIZATION_LEADER)
    organization = RoleAssignment.objects.get(user=leader, role=Role.ORGANIZATION_LEADER).organization
    assert client.login(phone=str(leader.phone), password=PASSWORD)

    home = client.get(reverse("accounts:home")).content.decode()
    page = client.get(reverse("organizations:organization", args=[organization.pk])).content.decode()
    members = client.get(reverse("organizations:members", args=[organization.pk])).content.decode()

    unconfirmed = organization.activities.get(
        kind=Activity.Kind.SERVICE, ends_at__lt=timezone.now(), hours_confirmed_at__isnull=True
    )
    attendance = client.get(reverse("organizations:attendance", args=[unconfirmed.pk]))
    assert attendance.status_code == 200
    assert organization.name in home and "None" not in home
    upcoming = organization.activities.filter(starts_at__gt=timezone.now())
    assert organization.name in page and all(a.title in page for a in upcoming)
    waiting = Application.objects.get(organization=organization, status=Application.Status.APPLIED)
    assert waiting.user.display_name in members


def test_the_volunteer_signs_in_and_sees_their_hours(client):
    volunteer = persona(Role.ORGANIZATION_VOLUNTEER)
    hours = sum(s.hours for s in Signup.objects.filter(user=volunteer, hours__isnull=False))
    assert client.login(phone=str(volunteer.phone), password=PASSWORD)

    page = client.get(reverse("organizations:record")).content.decode()

    assert hours > 0
    assert f"{hours.normalize():f}" in page or f"{hours:.1f}" in page


def test_the_member_signs_in_and_sees_their_organization_and_what_comes_next(client):
    member = persona(Role.ORGANIZATION_MEMBER)
    organization = RoleAssignment.objects.get(user=member, role=Role.ORGANIZATION_MEMBER).organization
    upcoming = organization.activities.filter(starts_at__gt=timezone.now()).first()
    assert client.login(phone=str(member.phone), password=PASSWORD)

    page = client.get(reverse("organizations:activity", args=[upcoming.pk]))

    assert page.status_code == 200 and upcoming.title in page.content.decode()


def test_no_two_open_topics_of_a_hall_share_a_title():
    from django.db.models import Count

    from apps.halls.models import Topic
    from apps.halls.procedure import OPEN_TOPIC_STATUSES

    shared = (
        Topic.objects.filter(status__in=OPEN_TOPIC_STATUSES)
        .values("hall", "title")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert Topic.objects.filter(status__in=OPEN_TOPIC_STATUSES).exists() and not shared.exists()


STAFF_QUEUES = {  # who works the report queue, and which part of it holds their demo work
    Role.COMMUNITY_STAFF: "open",
    Role.PROPERTY_STAFF: "all",
    Role.DEPARTMENT_STAFF: "all",
    Role.STREET_OFFICIAL: "open",
    Role.DISTRICT_OFFICIAL: "open",
}


def test_every_printed_persona_signs_in_and_finds_something_of_their_own(client):
    kinds = dict.fromkeys(p.kind for p in demo_personas())
    assert {Role.DEPARTMENT_STAFF, Role.COMMUNITY_STAFF, Role.RESIDENT, Role.STREET_OFFICIAL} <= set(kinds)
    for kind in kinds:
        person = next(User.objects.get(phone=p.phone) for p in demo_personas() if p.kind == kind)
        client.logout()
        assert client.login(phone=str(person.phone), password=PASSWORD), kind
        home = client.get(reverse("accounts:home"))
        assert home.status_code == 200 and person.display_name in home.content.decode(), kind
        if kind in STAFF_QUEUES:
            queue = client.get(reverse("admin:reports_report_changelist"), {"queue": STAFF_QUEUES[kind]})
            assert queue.status_code == 200 and queue.context["cl"].result_count > 0, kind
        if kind in (Role.STREET_OFFICIAL, Role.DISTRICT_OFFICIAL):
            assert client.get(reverse("oversight:dashboard")).status_code == 200, kind
        if kind in (Role.RESIDENT, Role.COUNCIL_MEMBER, Role.BUILDING_HEAD):
            halls = client.get(reverse("halls:mine"))
            assert halls.status_code == 200 and halls.context["halls"], kind
