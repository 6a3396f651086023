import datetime as dt
from decimal import Decimal

from django.utils import timezone

from apps.organizations.models import Activity, Organization, Signup
from apps.organizations.selectors.figures import street_figures


def held(club, *, month: int, served: int, hours: str):
    starts = timezone.make_aware(dt.datetime(2025, month, 10, 9))
    activity = Activity.objects.create(
        organization=club.team,
        kind="service",
        title=f"{month}月服务",
        venue="广场",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=10,
        people_served=served,
    )
    Signup.objects.create(
        activity=activity,
        organization=club.team,
        user=club.volunteer,
        status="confirmed",
        hours=Decimal(hours),
    )


def test_the_street_figures_count_organizations_members_and_months(
    club, world, django_assert_max_num_queries
):
    Organization.objects.create(name="甲二队", place=world.community_a2, category="health", status="applied")
    held(club, month=3, served=20, hours="2")
    held(club, month=3, served=5, hours="1.5")
    held(club, month=4, served=8, hours="2")
    with django_assert_max_num_queries(5):
        figures = street_figures(street=world.street_a)
    assert figures.by_category == {"service": 1, "health": 1}
    assert figures.by_status == {"active": 1, "applied": 1}
    assert figures.members == 2  # the leader and the volunteer of 甲一志愿服务队
    march, april = dt.date(2025, 3, 1), dt.date(2025, 4, 1)
    assert (figures.months[march].activities, figures.months[march].people_served) == (2, 25)
    assert figures.months[march].hours == Decimal("3.5")
    assert figures.months[april].hours == Decimal("2")


def test_the_street_figures_leave_out_other_streets(club, world):
    figures = street_figures(street=world.street_a)
    assert "culture" not in figures.by_category  # 乙一文体队 is of street 乙
