"""
The street's discussion halls: one per community, each with a few topics, and in the first one
six months of topics at every step of 四议两公开 with their co-signatures and comments; a vote open
and one closed with its result; a resolution under public notice with objections and
implementation tasks (one late); an older one whose result is published and rated; one awaiting
the street office's review.

Topics, co-signatures and comments go in with bulk inserts; votes are opened and counted,
objections filed and answered, reviews made and tasks set through the services. Everything is
drawn from one random.Random in a fixed order; times are counted back from now.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.halls.models import Ballot, Comment, CoSignature, Hall, Task, TaskUpdate, Topic, Vote, Voter
from apps.halls.procedure import OPEN_TOPIC_STATUSES, PROCEDURES, TopicStatus
from apps.halls.resolutions.implementation import task_create, task_rate, task_report
from apps.halls.resolutions.services import objection_answer, objection_file, review_decide
from apps.halls.resolutions.supervision import supervise_tasks
from apps.halls.services import hall_for
from apps.halls.votes.services import ballot_cast, vote_close, vote_create, vote_open
from apps.places.models import Place, PlaceKind

from .plan import SEED, SMALL, Size

TOPICS = {SMALL: 30}
# Every other community's hall has a few topics of its own, so that none of its residents opens
# an empty hall.
NEIGHBOUR_TOPICS = 8
SUBJECTS = [
    ("更换破损单元门", "单元门闭门器坏了，门关不上，冬天漏风，外人随意进出。"),
    ("增设电动自行车充电桩", "飞线充电屡禁不止，建议在车棚加装带断电保护的充电桩。"),
    ("规范小区停车", "消防通道常被占用，建议划线并实行错时停车。"),
    ("加装楼道声控灯", "楼道灯坏了多次，建议改成声控感应灯。"),
    ("整治垃圾分类驿站异味", "夏天驿站异味大，建议加装除臭设备并增加清运次数。"),
    ("改造儿童游乐区", "滑梯老化有毛刺，地面没有软垫，孩子容易摔伤。"),
    ("老旧楼加装电梯", "六层老楼没有电梯，老人上下楼困难，想征求各户意见。"),
    ("修缮屋顶防水", "顶层住户雨季漏水，墙皮脱落。"),
    ("增设休闲座椅", "健身广场没有座椅，老人锻炼后没处歇脚。"),
    ("清理楼道堆物", "楼道里堆放旧家具和纸箱，有消防隐患。"),
    ("设置智能快递柜", "快递堆在门口容易丢，建议在小区门口设置智能快递柜。"),
]
COMMENTS = [
    "同意，早该解决了。",
    "我家老人每天都经过这里，支持。",
    "费用怎么分摊？希望公示明细。",
    "建议先征求一楼住户意见。",
    "物业之前答应过，一直没落实。",
    "可以参考隔壁小区的做法。",
    "能不能分期实施，先解决最急的？",
    "赞成，但施工时间别太早，影响休息。",
    "建议居民代表一起去看看现场。",
    "这个事情拖了两年了。",
]
# How many of the hall's topics stand at each step, relative to one another.
STEPS = {
    TopicStatus.RAISED: 64,
    TopicStatus.PROPOSAL: 9,
    TopicStatus.DELIBERATION: 9,
    TopicStatus.REVIEW: 4,
    TopicStatus.DECLINED: 10,
    TopicStatus.MERGED: 4,
}
DECLINED = "属于物业日常维修范围，已转为报事处理。"
SHOWCASE_COMMENTS = 60


def topics_for(size: Size) -> dict[str, int]:
    return {"topics": TOPICS.get(size, 200)}


@dataclass(frozen=True)
class Cast:
    residents: list[tuple[int, int]]  # (user id, household id) of the hall's verified residents
    staff: object
    official: object
    rng: random.Random
    now: datetime

    def resident(self) -> int:
        return self.rng.choice(self.residents)[0]

    @cached_property
    def signer_of(self) -> dict[int, int]:
        """The resident who signs for each household."""
        return {household: user for user, household in reversed(self.residents)}

    def user(self, user_id: int):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(pk=user_id)


def demo_halls(*, street: Place, topics: int = 200, now: datetime | None = None) -> Hall:
    """Open a hall in each community and fill the first one, whose resolutions the street reviews."""
    communities = Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMMUNITY)
    halls = [hall_for(community) for community in communities.order_by("path")]
    hall = halls[0]
    hall.street_review = True
    hall.save(update_fields=["street_review"])
    cast = _cast(hall, street, now or timezone.now())
    made = _topics(hall, cast, topics)
    showcase = _showcase(hall, cast)
    _open_vote(hall, cast, next(t for t in reversed(made) if t.status in OPEN_TOPIC_STATUSES and t.agenda_at))
    _published_result(hall, cast)
    _awaiting_review(hall, cast)
    supervise_tasks(cast.now)
    for number, neighbour in enumerate(halls[1:], start=1):
        _topics(neighbour, _cast(neighbour, street, cast.now, seed=SEED + 278 + number), NEIGHBOUR_TOPICS)
    return Hall.objects.get(pk=showcase.hall_id)


def _cast(hall: Hall, street: Place, now: datetime, *, seed: int = SEED + 278) -> Cast:
    active = RoleAssignment.objects.active().order_by("pk").select_related("user")
    residents = list(
        active.filter(role=Role.RESIDENT, place__path__startswith=hall.place.path).values_list(
            "user_id", "place_id"
        )
    )
    staff = active.filter(role=Role.COMMUNITY_STAFF, place=hall.place)[0].user
    official = active.filter(role=Role.STREET_OFFICIAL, place=street)[0].user
    return Cast(residents, staff, official, random.Random(seed), now)


def _topics(hall: Hall, cast: Cast, count: int) -> list[Topic]:
    """`count` topics over six months at the steps of STEPS, with co-signatures and comments."""
    rng = cast.rng
    compounds = list(
        Place.objects.filter(path__startswith=hall.place.path, kind=PlaceKind.COMPOUND).order_by("path")
    )
    drafts, plans = [], []
    steps = rng.choices(list(STEPS), weights=list(STEPS.values()), k=count)
    matters = [(compound, subject) for compound in compounds for subject in SUBJECTS]
    rng.shuffle(matters)  # no two topics of a hall on the same matter while there are matters left
    for number, step in enumerate(steps):
        compound, (title, body) = matters[number % len(matters)]
        where = compound.name if number < len(matters) else f"{compound.name}{number // len(matters) + 1}号楼"
        created = cast.now - timedelta(days=180 * (count - number) / count, minutes=rng.randrange(600))
        on_agenda = step != TopicStatus.RAISED
        proposer = rng.choice(cast.residents)
        signers = _signers(cast, proposer, 10 if on_agenda else rng.randint(1, 9))
        comments = rng.choice([0, 0, 1, 2, 3, 5, 8])
        plans.append((step, signers, comments))
        topic = Topic(
            hall=hall,
            title=f"{where}{title}",
            body=body,
            raised_by_id=proposer[0],
            created_at=created,
            reason=DECLINED if step == TopicStatus.DECLINED else "",
            cosignatures=len(signers),
            comments=comments,
        )
        agenda = created + timedelta(days=rng.randint(3, 20)) if on_agenda else None
        drafts.append(_walk(topic, TopicStatus.RAISED if step == TopicStatus.MERGED else step, agenda))
    made = Topic.objects.bulk_create(drafts)
    merged = [t.pk for t, (step, _, _) in zip(made, plans, strict=True) if step == TopicStatus.MERGED]
    on_agenda = [t for t in made if t.status in OPEN_TOPIC_STATUSES and t.agenda_at]
    merge = PROCEDURES[hall.procedure].lifecycle.follow(TopicStatus.RAISED, "merge")
    if on_agenda:
        Topic.objects.filter(pk__in=merged).update(status=merge, merged_into=on_agenda[0])
    CoSignature.objects.bulk_create(
        (
            CoSignature(topic=t, household_id=h, user_id=u, at=t.created_at)
            for t, (_, signers, _) in zip(made, plans, strict=True)
            for h, u in signers
        ),
        batch_size=1000,
    )
    Comment.objects.bulk_create(
        (
            _comment(t, cast, n)
            for t, (_, _, comments) in zip(made, plans, strict=True)
            for n in range(comments)
        ),
        batch_size=1000,
    )
    return made


def _signers(cast: Cast, proposer: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """(household, user) of `count` households co-signing a topic, the proposer's first."""
    user, household = proposer
    others = sorted(cast.signer_of.keys() - {household})
    chosen = cast.rng.sample(others, min(len(others), count - 1))
    return [(household, user), *((other, cast.signer_of[other]) for other in chosen)]


def _walk(topic: Topic, to: str, at: datetime | None) -> Topic:
    """Carry an unsaved raised topic to `to` by its hall's procedure table, stamped as of `at`; a
    declined topic is declined once on the agenda."""
    procedure = PROCEDURES[topic.hall.procedure]
    lifecycle, statuses = procedure.lifecycle, procedure.statuses()
    names = [f"step:{status}" for status in statuses[: statuses.index(to) + 1]] if to in statuses else []
    if to == TopicStatus.DECLINED:
        names = [f"step:{statuses[0]}", "decline"]
    for name in names:
        topic.status = lifecycle.follow(topic.status, name)
        lifecycle.stamp(topic, lifecycle[name], at)
    return topic


def _comment(topic: Topic, cast: Cast, n: int, parent: Comment | None = None) -> Comment:
    return Comment(
        topic=topic,
        parent=parent,
        author_id=cast.resident(),
        body=cast.rng.choice(COMMENTS),
        created_at=topic.created_at + timedelta(hours=2 + 5 * n, minutes=cast.rng.randrange(60)),
    )


def _resolved(hall: Hall, cast: Cast, title: str, body: str, days_ago: int, status: str) -> Topic:
    """A topic carried to a resolution by a household vote of the community, closed and counted."""
    created = cast.now - timedelta(days=days_ago)
    signers = _signers(cast, cast.rng.choice(cast.residents), 10)
    topic = Topic(
        hall=hall,
        title=title,
        body=body,
        raised_by_id=signers[0][1],
        created_at=created,
        cosignatures=len(signers),
    )
    topic = _walk(topic, TopicStatus.RESOLUTION, created + timedelta(days=4))
    topic.save()
    CoSignature.objects.bulk_create(
        CoSignature(topic=topic, household_id=h, user_id=u, at=created) for h, u in signers
    )
    vote = vote_create(
        hall=hall,
        by=cast.staff,
        title=f"{title}方案",
        rule="household",
        opens_at=created + timedelta(days=20),
        closes_at=created + timedelta(days=27),
        topic=topic,
    )
    vote_open(vote=vote, by=cast.staff)
    voters = dict(Voter.objects.filter(vote=vote).order_by("-pk").values_list("elector_id", "user_id"))
    Ballot.objects.bulk_create(
        Ballot(
            vote=vote,
            elector_id=elector,
            choices=[cast.rng.choice([1, 1, 1, 1, 1, 1, 2, 3])],
            cast_by_id=user,
        )
        for elector, user in sorted(voters.items())
        if cast.rng.random() < 0.75
    )
    vote_close(vote=vote, by=cast.staff)
    notice = created + timedelta(days=days_ago - 2) if status == TopicStatus.RESOLUTION_PUBLIC else None
    if status != topic.status:
        status = PROCEDURES[hall.procedure].lifecycle.follow(topic.status, f"step:{status}")
    Topic.objects.filter(pk=topic.pk).update(
        status=status, notice_until=notice and notice + timedelta(days=5)
    )
    topic.refresh_from_db()
    return topic


def _showcase(hall: Hall, cast: Cast) -> Topic:
    """Under public notice: approved by the street, objections (one answered), a long discussion,
    two tasks — one on its way, one late and escalated."""
    topic = _resolved(
        hall,
        cast,
        "补种楼前枯死绿植",
        "去年冬天楼前绿地冻死一片，夏天黄土裸露。议事会商定补种本地耐寒树种，并修复喷灌。",
        60,
        TopicStatus.RESOLUTION_PUBLIC,
    )
    first = Comment.objects.bulk_create(_comment(topic, cast, n) for n in range(SHOWCASE_COMMENTS * 2 // 3))
    Comment.objects.bulk_create(
        _comment(topic, cast, n, parent=cast.rng.choice(first)) for n in range(SHOWCASE_COMMENTS // 3)
    )
    Topic.objects.filter(pk=topic.pk).update(comments=SHOWCASE_COMMENTS)
    review_decide(topic=topic, by=cast.official, decision="approved", reason="程序完备，同意实施。")
    objectors = cast.rng.sample(cast.residents, 2)
    answered = objection_file(
        topic=topic, author=cast.user(objectors[0][0]), body="国槐长得慢，建议补种银杏。"
    )
    objection_answer(objection=answered, by=cast.staff, answer="经园林部门评估，国槐更耐寒，维持原方案。")
    objection_file(topic=topic, author=cast.user(objectors[1][0]), body="施工期间请保留消防通道。")
    growing = task_create(
        topic=topic,
        by=cast.staff,
        title="补种国槐30株",
        unit="街道园林绿化队",
        due_on=cast.now.date() + timedelta(days=12),
    )
    task_report(task=growing, by=cast.staff, progress=20, note="苗木已到场，完成放线。")
    task_report(task=growing, by=cast.staff, progress=60, note="已种下18株，浇透定根水。")
    late = task_create(
        topic=topic,
        by=cast.staff,
        title="修复绿地喷灌",
        unit="物业公司",
        due_on=cast.now.date() + timedelta(days=1),
    )
    task_report(task=late, by=cast.staff, progress=30, note="管线已挖开，等待配件。")
    _backdate(late, days=5)
    return topic


def _backdate(task: Task, *, days: int) -> None:
    """The late task was set weeks ago and was due `days` ago, as if the schedule had watched it."""
    due_on = timezone.localdate() - timedelta(days=days)
    Task.objects.filter(pk=task.pk).update(due_on=due_on, created_at=task.created_at - timedelta(days=20))
    for number, update in enumerate(task.updates.order_by("pk")):
        TaskUpdate.objects.filter(pk=update.pk).update(at=update.at - timedelta(days=20 - 6 * number))


def _open_vote(hall: Hall, cast: Cast, topic: Topic) -> Vote:
    vote = vote_create(
        hall=hall,
        by=cast.staff,
        title=f"{topic.title}方案",
        rule="household",
        opens_at=cast.now - timedelta(days=2),
        closes_at=cast.now + timedelta(days=5),
        topic=topic,
        scope=_compound_of(hall, topic),
    )
    vote_open(vote=vote, by=cast.staff)
    voters = list(Voter.objects.filter(vote=vote).order_by("pk").values_list("user_id", flat=True))
    for user_id in cast.rng.sample(voters, min(12, len(voters))):
        try:
            ballot_cast(vote=vote, user=cast.user(user_id), choices=[cast.rng.choice([1, 1, 2, 3])])
        except ValidationError:  # a second member of a household that has voted
            continue
    return vote


def _compound_of(hall: Hall, topic: Topic) -> Place | None:
    """The compound a topic's title names: its matter is voted by that compound only."""
    compounds = Place.objects.filter(path__startswith=hall.place.path, kind=PlaceKind.COMPOUND)
    return next((c for c in compounds.order_by("path") if topic.title.startswith(c.name)), None)


def _published_result(hall: Hall, cast: Cast) -> Topic:
    """The 58 unit doors: resolved, filed with the street, carried out, rated, the result published."""
    topic = _resolved(
        hall,
        cast,
        "更换58个破损单元门",
        "58个单元门闭门器损坏、门体锈蚀。议事会决定统一更换为带门禁的防盗单元门，维修资金列支。",
        150,
        TopicStatus.RESOLUTION_PUBLIC,
    )
    Topic.objects.filter(pk=topic.pk).update(notice_until=cast.now + timedelta(days=1))
    review_decide(topic=topic, by=cast.official, decision="filed")
    doors = task_create(
        topic=topic,
        by=cast.staff,
        title="更换单元门58樘",
        unit="物业公司",
        due_on=cast.now.date() + timedelta(days=1),
    )
    task_report(task=doors, by=cast.staff, progress=50, note="已更换29樘。")
    task_report(task=doors, by=cast.staff, progress=100, note="58樘全部更换完毕，门禁卡已发放。")
    households = set()
    for user_id, household in cast.rng.sample(cast.residents, min(12, len(cast.residents))):
        if household not in households:
            households.add(household)
            task_rate(
                task=doors,
                user=cast.user(user_id),
                satisfaction=cast.rng.choice(["satisfied", "satisfied", "basic"]),
            )
    closed = cast.now - timedelta(days=90)
    published = PROCEDURES[hall.procedure].lifecycle.follow(topic.status, f"step:{TopicStatus.RESULT_PUBLIC}")
    Topic.objects.filter(pk=topic.pk).update(status=published, notice_until=closed, notice_closed_at=closed)
    return topic


def _awaiting_review(hall: Hall, cast: Cast) -> Topic:
    return _resolved(
        hall,
        cast,
        "车棚加装充电桩",
        "在3号车棚加装20个带断电保护的充电口，电费由使用者按表缴纳。",
        40,
        TopicStatus.RESOLUTION,
    )
