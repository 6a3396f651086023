"""
The organizations' activities: volunteer services and events of the past weeks with check-ins,
volunteer hours and people served; upcoming ones with sign-ups, one full with a waitlist; the
community school's (社区学堂) course series, half given and half to come.

Each activity is published, signed up for and checked in through the services at the present, then
moved back to its day; the hours are confirmed afterwards, so the service computes them from the
moved check-in times. The most recent service of the first organization waits for its leader to
confirm the hours.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.organizations.models import Activity, Signup
from apps.organizations.services.activities import activity_publish, people_served_record, signup_create
from apps.organizations.services.attendance import check_in_by_organizer, hours_confirm, hours_correct
from apps.places.models import Place, PlaceKind

from .organizations import Club, User

SERVICE, EVENT, CLASS = Activity.Kind.SERVICE, Activity.Kind.EVENT, Activity.Kind.CLASS

# Per category: (kind, title, venue, start hour, hours long, capacity); the first is given twice in
# the past weeks, the second once, and the first again soon.
PROGRAMMES = {
    "service": [
        (SERVICE, "上门探访独居老人", "社区服务站集合", 9, 2.5, 12),
        (SERVICE, "便民服务日：磨刀、修伞、量血压", "社区文化广场", 9, 3, 15),
    ],
    "security": [
        (SERVICE, "夜间楼院安全巡查", "社区居委会门口集合", 19, 2, 10),
        (EVENT, "防范电信诈骗宣讲会", "社区活动室", 15, 1.5, 40),
    ],
    "health": [
        (SERVICE, "义诊：测血压、测血糖", "社区卫生服务站", 8, 3, 10),
        (EVENT, "慢病管理健康讲座", "社区活动室", 14, 1.5, 40),
    ],
    "culture": [
        (EVENT, "周末练习与作品交流", "社区活动室", 14, 2, 30),
        (SERVICE, "为社区老人义务演出", "养老驿站", 15, 2, 12),
    ],
    "environment": [
        (SERVICE, "垃圾分类驿站值守督导", "各小区分类驿站", 7, 2, 8),
        (SERVICE, "楼前绿地补种与清理", "小区中心绿地", 9, 3, 15),
    ],
    "development": [
        (EVENT, "民生实事恳谈会", "社区党群服务中心", 15, 2, 40),
        (SERVICE, "共建单位进社区便民服务", "社区文化广场", 9, 3, 12),
    ],
}
SCHOOL = "社区学堂·智能手机使用课"
LESSONS = [
    "开机与微信入门",
    "视频通话与家人联络",
    "手机挂号与健康码",
    "网上缴费与防诈骗",
    "拍照与相册整理",
    "结业交流与答疑",
]
GIVEN_LESSONS = 3
WAITLISTED = 3  # sign-ups beyond capacity on the fullest upcoming activity


def demo_activities(*, clubs: list[Club], now: datetime, rng: random.Random) -> None:
    residents = residents_by_community()
    for number, club in enumerate(clubs):
        if not club.operating:
            continue
        pool = residents[club.organization.place_id]
        first, second = PROGRAMMES[club.organization.category]
        _given(club, first, now, days_ago=6 + number % 5, pool=pool, rng=rng, confirm=number != 0)
        _given(club, first, now, days_ago=20 + number % 7, pool=pool, rng=rng)
        _given(club, second, now, days_ago=34 + number % 9, pool=pool, rng=rng)
        extra = WAITLISTED if number == 0 else -rng.randint(2, 6)
        _upcoming(club, first, now, days_ahead=2 + number % 9, pool=pool, rng=rng, beyond=extra)
    school = next(c for c in clubs if c.organization.name.endswith("社区学堂讲师团"))
    _school(school, now, residents[school.organization.place_id], rng)


def residents_by_community() -> dict[int, list]:
    """Verified residents of each community, by the community's id."""
    communities = Place.objects.filter(kind=PlaceKind.COMMUNITY)
    grants = RoleAssignment.objects.active().filter(role=Role.RESIDENT).select_related("place").order_by("pk")
    users = User.objects.in_bulk([g.user_id for g in grants])
    pools: dict[int, list] = {}
    for community in communities:
        seen = {}
        for grant in grants:
            if grant.place.path.startswith(community.path):
                seen.setdefault(grant.user_id, users[grant.user_id])
        pools[community.pk] = list(seen.values())
    return pools


def _day_at(now: datetime, days: int, hour: int) -> datetime:
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _publish(
    club: Club, programme, starts_at: datetime, *, title: str = "", description: str = ""
) -> Activity:
    kind, name, venue, _, hours, capacity = programme
    return activity_publish(
        organization=club.organization,
        actor=club.leader,
        kind=kind,
        title=title or name,
        description=description or club.organization.description,
        venue=venue,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        capacity=capacity,
    )


def _given(club, programme, now, *, days_ago, pool, rng, confirm=True, title="", description="") -> Activity:
    """Published and attended at the present, then moved back `days_ago` days."""
    activity = _publish(club, programme, now + timedelta(minutes=10), title=title, description=description)
    crew = [club.leader, *club.volunteers] if activity.credits_hours else []
    others = [u for u in pool if u.pk not in {c.pk for c in crew}]
    people = crew + rng.sample(others, min(len(others), activity.capacity - len(crew)))
    signups = [signup_create(activity=activity, user=user) for user in people]
    came = signups[: len(crew)] + [s for s in signups[len(crew) :] if rng.random() < 0.8]
    for signup in came:
        check_in_by_organizer(signup=signup, actor=club.leader)
    starts = _day_at(now, -days_ago, programme[3])
    _move(activity, signups, came, starts, rng)
    activity.refresh_from_db()
    if activity.credits_hours and confirm:
        hours_confirm(activity=activity, actor=club.leader)
        Activity.objects.filter(pk=activity.pk).update(
            hours_confirmed_at=activity.ends_at + timedelta(hours=2)
        )
        if len(came) > 2 and days_ago > 30:
            hours_correct(
                signup=came[1],
                hours=Decimal(programme[4]) + Decimal("0.5"),
                reason="提前半小时到场布置，补记。",
                actor=club.leader,
            )
    served = len(came) if activity.kind != SERVICE else rng.randint(15, 60)
    people_served_record(activity=activity, count=served, actor=club.leader)
    return activity


def _move(activity: Activity, signups: list[Signup], came: list[Signup], starts: datetime, rng) -> None:
    length = activity.ends_at - activity.starts_at
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=starts, ends_at=starts + length, created_at=starts - timedelta(days=rng.randint(7, 14))
    )
    arrived = {s.pk for s in came}
    for signup in signups:
        queued = starts - timedelta(days=rng.randint(1, 6), minutes=rng.randrange(600))
        if signup.pk not in arrived:
            Signup.objects.filter(pk=signup.pk).update(queued_at=queued)
            continue
        checked_in = starts + timedelta(minutes=rng.randint(-20, 10))
        left = starts + length - timedelta(minutes=rng.choice([0, 0, 0, 15, 30]))
        Signup.objects.filter(pk=signup.pk).update(
            queued_at=queued, checked_in_at=checked_in, checked_out_at=left
        )


def _upcoming(club, programme, now, *, days_ahead, pool, rng, beyond, title="", description="") -> Activity:
    """Published a few days ago; `beyond` more sign-ups than places wait on the list (or, negative,
    places still free)."""
    activity = _publish(
        club, programme, _day_at(now, days_ahead, programme[3]), title=title, description=description
    )
    crew = [club.leader, *club.volunteers] if activity.credits_hours else []
    others = [u for u in pool if u.pk not in {c.pk for c in crew}]
    wanted = max(0, min(len(others), activity.capacity + beyond - len(crew)))
    for user in crew + rng.sample(others, wanted):
        signup_create(activity=activity, user=user)
    Activity.objects.filter(pk=activity.pk).update(created_at=now - timedelta(days=rng.randint(2, 5)))
    return activity


def _school(club: Club, now: datetime, pool: list, rng: random.Random) -> None:
    """A weekly course of six lessons: three given, three to come; the next one is full."""
    programme = (CLASS, SCHOOL, "社区党群服务中心二楼电脑教室", 9, 1.5, 12)
    for number, lesson in enumerate(LESSONS, 1):
        title = f"{SCHOOL} 第{number}讲：{lesson}"
        about = "退休教师手把手教老年人用智能手机，请带上自己的手机和充电器。"
        offset = 7 * (number - GIVEN_LESSONS - 1) + 3
        if number <= GIVEN_LESSONS:
            _given(club, programme, now, days_ago=-offset, pool=pool, rng=rng, title=title, description=about)
        else:
            beyond = WAITLISTED if number == GIVEN_LESSONS + 1 else -rng.randint(3, 8)
            _upcoming(
                club,
                programme,
                now,
                days_ahead=offset,
                pool=pool,
                rng=rng,
                beyond=beyond,
                title=title,
                description=about,
            )
