"""
Votes of every rule in the first hall, each put to the places its matter concerns: the council on
the community's own budget (one closed, one open), the households of one compound on that compound's
matter, and the owners of one building (Civil Code art. 278) on its roof — closed and approved, paper
ballots included — and on a lift, open. Every vote the demo closed is dated to its closing time.

Votes are created, opened, cast (paper ballots with a photo of the paper) and closed through the
services at the present, then moved back to their real dates.
"""

import io
import random
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from PIL import Image, ImageDraw

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.halls.models import Ballot, Elector, Hall, Vote, Voter
from apps.halls.models.votes import Matter, Rule
from apps.halls.votes.services import ballot_cast, paper_ballot_enter, vote_close, vote_create, vote_open
from apps.places.models import Place, PlaceKind

from .meetings import at_day, community_staff
from .organizations import User

FOR, AGAINST, ABSTAIN = 1, 2, 3
MOSTLY_FOR = [FOR] * 4 + [AGAINST, ABSTAIN]
CLEARLY_FOR = [FOR] * 9 + [AGAINST]  # the roof leaks on everyone's heads


def demo_votes(*, street: Place, hall: Hall, now: datetime, rng: random.Random) -> None:
    staff = community_staff(hall)
    compound, building = _places(hall)
    _closed(
        hall,
        staff,
        now,
        rng,
        days_ago=24,
        rule=Rule.COUNCIL,
        scope=None,
        title=f"{now.year}年社区公益金使用计划",
        description="公益金3万元：楼道照明改造1.2万元、助老餐补贴1万元、文体活动0.8万元。",
    )
    _open(
        hall,
        staff,
        now,
        rng,
        rule=Rule.COUNCIL,
        scope=None,
        title="将“规范小区停车”列入下次议事会议程",
        description="多个小区反映消防通道被占，建议下次议事会专题讨论。",
    )
    _closed(
        hall,
        staff,
        now,
        rng,
        days_ago=12,
        rule=Rule.HOUSEHOLD,
        scope=compound,
        title=f"{compound.name}设置智能快递柜方案",
        description=f"在{compound.name}北门内侧设置智能快递柜一组，场地免费提供，快递柜运营方负责维护。",
    )
    _closed(
        hall,
        staff,
        now,
        rng,
        days_ago=50,
        rule=Rule.OWNERS,
        scope=building,
        paper=True,
        title=f"{compound.name}{building.name}使用维修资金修缮屋顶防水",
        description="屋顶防水层老化，顶层多户漏水。拟使用住宅专项维修资金约8.6万元，按专有面积分摊。",
    )
    _open(
        hall,
        staff,
        now,
        rng,
        rule=Rule.OWNERS,
        scope=building,
        matter=Matter.REBUILD,
        title=f"{compound.name}{building.name}加装电梯",
        description="拟在每个单元北侧加装电梯一部，财政补贴每部24万元，其余由各户按楼层分摊。",
    )
    _dated_closing(street)


def _places(hall: Hall) -> tuple[Place, Place]:
    """The hall's first compound and its building with the most verified residents."""
    compound = Place.objects.filter(path__startswith=hall.place.path, kind=PlaceKind.COMPOUND).order_by(
        "path"
    )[0]
    buildings = Place.objects.filter(path__startswith=compound.path, kind=PlaceKind.BUILDING).order_by("path")
    return compound, max(buildings, key=lambda b: (_voters_below(b), -b.pk))


def _voters_below(place: Place) -> int:
    residents = RoleAssignment.objects.active().filter(role=Role.RESIDENT, place__path__startswith=place.path)
    return residents.count()


def _create(hall, staff, now, *, rule, scope, title, description, matter=Matter.ORDINARY) -> Vote:
    vote = vote_create(
        hall=hall,
        by=staff,
        title=title,
        description=description,
        rule=rule,
        scope=scope,
        matter=matter,
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )
    return vote_open(vote=vote, by=staff)


def _cast(vote: Vote, rng: random.Random, share: float, leaning: list[int]) -> None:
    """About `share` of the voters cast a ballot online, mostly for."""
    voters = Voter.objects.filter(vote=vote).order_by("pk").values_list("user_id", flat=True)
    users = User.objects.in_bulk(list(voters))
    for user in users.values():
        if rng.random() >= share:
            continue
        try:
            ballot_cast(vote=vote, user=user, choices=[rng.choice(leaning)])
        except ValidationError:  # a household another of its residents has voted for
            continue


def _open(hall, staff, now, rng, *, rule, scope, title, description, matter=Matter.ORDINARY) -> Vote:
    vote = _create(
        hall, staff, now, rule=rule, scope=scope, title=title, description=description, matter=matter
    )
    _cast(vote, rng, 0.5, MOSTLY_FOR)
    opens = at_day(now, -3, 8)
    closes = at_day(now, 4 if rule == Rule.COUNCIL else 11, 20)
    Vote.objects.filter(pk=vote.pk).update(opens_at=opens, opened_at=opens, closes_at=closes)
    return vote


def _closed(hall, staff, now, rng, *, days_ago, rule, scope, title, description, paper=False) -> Vote:
    """Opened, cast, then moved back: open for a week, closed `days_ago` days ago in the evening."""
    vote = _create(hall, staff, now, rule=rule, scope=scope, title=title, description=description)
    _cast(vote, rng, 0.8, CLEARLY_FOR if paper else MOSTLY_FOR)
    if paper:
        _paper_ballots(vote, staff, rng)
    closes = at_day(now, -days_ago, 20)
    opens = at_day(now, -days_ago - 7, 8)
    Vote.objects.filter(pk=vote.pk).update(opens_at=opens, opened_at=opens, closes_at=closes)
    for ballot in Ballot.objects.filter(vote=vote).order_by("pk"):
        Ballot.objects.filter(pk=ballot.pk).update(cast_at=opens + timedelta(hours=rng.randint(2, 160)))
    vote_close(vote=vote, by=staff)
    return vote


def _paper_ballots(vote: Vote, staff, rng: random.Random) -> None:
    """Owners without an account vote on paper, entered by staff: enough for the double majority."""
    voted = Ballot.objects.filter(vote=vote).values("elector_id")
    for elector in Elector.objects.filter(vote=vote).exclude(pk__in=voted).order_by("pk"):
        if rng.random() < 0.75:
            choice = rng.choice(CLEARLY_FOR)
            paper_ballot_enter(vote=vote, elector=elector, choices=[choice], photo=_paper(), by=staff)


def _paper() -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 640), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 440, 600), outline="black", width=3)
    for y in range(120, 560, 60):
        draw.line((70, y, 410, y), fill="gray", width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return SimpleUploadedFile("ballot.jpg", buffer.getvalue(), content_type="image/jpeg")


def _dated_closing(street: Place) -> None:
    """Votes closed while the demo was built close at their closing time, not at the moment of building."""
    Vote.objects.filter(
        hall__place__path__startswith=street.path, status=Vote.Status.CLOSED, closed_at__gt=F("closes_at")
    ).update(closed_at=F("closes_at"))
