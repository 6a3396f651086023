"""
Meetings (居民议事会) of the halls. In the first hall: one held five weeks ago whose minutes the
attendees approved, one held last week whose minutes await approval, one starting within the hour
that staff can open at the venue now, and one next week, full, with people on the waitlist. Every
other hall has one coming up.

Each meeting is called, registered for, opened, signed in to and closed through the services at the
present; held ones are then moved back to their day.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.halls.meetings.minutes import approvals_needed, minutes_answer, minutes_submit, minutes_write
from apps.halls.meetings.services import (
    meeting_close,
    meeting_open,
    meeting_schedule,
    registration_create,
    sign_in_by_staff,
)
from apps.halls.models import Attendance, Hall, Meeting, Minutes, MinutesApproval, Registration, Topic
from apps.halls.procedure import TopicStatus

from .organizations import User

VENUE = "社区党群服务中心一楼议事厅"
MINUTES = (
    "一、通报上次议事会决定事项的落实情况。\n"
    "二、围绕议题逐项讨论，与会居民代表充分发表意见。\n"
    "三、形成意见：{topics}，提交居民议事会表决前在各楼门公示征求意见。\n"
    "四、下次议事会时间另行通知。"
)


def demo_meetings(*, halls: list[Hall], now: datetime, rng: random.Random) -> None:
    first = halls[0]
    staff = community_staff(first)
    people = _members(first)
    long_ago = at_day(now, -35, 19)
    held = _held(
        first, staff, people, now, rng, f"{long_ago.month}月居民议事会", starts=long_ago, approvals=None
    )
    recent = _held(
        first, staff, people, now, rng, "停车和充电问题专题议事会", starts=at_day(now, -5, 19), approvals=1
    )
    for meeting in (held, recent):
        Minutes.objects.filter(meeting=meeting).update(submitted_at=meeting.ends_at + timedelta(days=1))
    today = _call(first, staff, "楼门长和居民代表碰头会", _soon(now), capacity=None)
    _register(today, rng.sample(people, min(8, len(people))))
    next_week = at_day(now, 6, 19)
    coming = _call(first, staff, f"{next_week.month}月居民议事会", next_week, capacity=12)
    _register(coming, rng.sample(people, min(14, len(people))))
    for number, hall in enumerate(halls[1:]):
        starts = at_day(now, 3 + number % 5, 19)
        upcoming = _call(hall, community_staff(hall), f"{starts.month}月居民议事会", starts, capacity=30)
        members = _members(hall)
        _register(upcoming, rng.sample(members, min(9, len(members))))


def community_staff(hall: Hall):
    grant = (
        RoleAssignment.objects.active().filter(role=Role.COMMUNITY_STAFF, place=hall.place).order_by("pk")[0]
    )
    return User.objects.get(pk=grant.user_id)


def _members(hall: Hall) -> list:
    """The hall's council members first, then its verified residents."""
    grants = RoleAssignment.objects.active().filter(
        role__in=[Role.COUNCIL_MEMBER, Role.RESIDENT], place__path__startswith=hall.place.path
    )
    ids = list(dict.fromkeys(grants.order_by("role", "pk").values_list("user_id", flat=True)))
    users = User.objects.in_bulk(ids)
    return [users[pk] for pk in ids]


def at_day(now: datetime, days: int, hour: int) -> datetime:
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _soon(now: datetime) -> datetime:
    """The first quarter hour at least half an hour away: staff may open the meeting at once."""
    later = timezone.localtime(now + timedelta(minutes=30)).replace(second=0, microsecond=0)
    return later + timedelta(minutes=-later.minute % 15)


def _call(hall: Hall, staff, title: str, starts_at: datetime, *, capacity: int | None) -> Meeting:
    topics = Topic.objects.filter(hall=hall, status=TopicStatus.DELIBERATION).order_by("-created_at")[:2]
    meeting = Meeting(
        hall=hall,
        title=title,
        description="议题见议程，请居民代表提前阅读议题讨论并征求楼门邻居意见。",
        venue=VENUE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=capacity,
    )
    return meeting_schedule(meeting=meeting, by=staff, topics=list(topics))


def _register(meeting: Meeting, people: list) -> None:
    for user in people:
        registration_create(meeting=meeting, user=user)


def _held(hall, staff, people, now, rng, title, *, starts: datetime, approvals: int | None) -> Meeting:
    """Called, attended and closed; minutes written and put to the attendees, who approve them
    (as many as publish them when `approvals` is None); then moved back to `starts`."""
    meeting = _call(hall, staff, title, now + timedelta(minutes=30), capacity=None)
    registered = rng.sample(people, min(14, len(people)))
    _register(meeting, registered)
    meeting_open(meeting=meeting, by=staff)
    came = [u for u in registered if rng.random() < 0.85]
    for user in came:
        sign_in_by_staff(meeting=meeting, user=user, by=staff)
    meeting = meeting_close(meeting=meeting, by=staff)
    titles = "、".join(meeting.agenda.values_list("title", flat=True)) or "议题"
    minutes_write(meeting=meeting, body=MINUTES.format(topics=titles), by=staff)
    minutes_submit(meeting=meeting, by=staff)
    for user in came[: approvals_needed(meeting) if approvals is None else approvals]:
        minutes_answer(meeting=meeting, user=user, approve=True)
    _move(meeting, starts, rng)
    return Meeting.objects.get(pk=meeting.pk)


def _move(meeting: Meeting, starts: datetime, rng: random.Random) -> None:
    ends = starts + (meeting.ends_at - meeting.starts_at)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts,
        ends_at=ends,
        opened_at=starts - timedelta(minutes=20),
        closed_at=ends,
        created_at=starts - timedelta(days=10),
    )
    for registration in Registration.objects.filter(meeting=meeting):
        Registration.objects.filter(pk=registration.pk).update(
            queued_at=starts - timedelta(days=rng.randint(1, 8), minutes=rng.randrange(600))
        )
    for attendance in Attendance.objects.filter(meeting=meeting):
        Attendance.objects.filter(pk=attendance.pk).update(
            at=starts + timedelta(minutes=rng.randint(-20, 10))
        )
    approved = ends + timedelta(days=2)
    Minutes.objects.filter(meeting=meeting, published_at__isnull=False).update(published_at=approved)
    MinutesApproval.objects.filter(minutes__meeting=meeting).update(at=ends + timedelta(days=1, hours=3))
