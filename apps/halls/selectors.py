"""Reads for the hall's pages, each in a fixed number of queries whatever the size of the hall."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    FloatField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from apps.access.visibility import visible_to
from apps.audit.models import StaffAction

from .membership import resident_paths
from .models import (
    Ballot,
    Comment,
    CoSignature,
    Elector,
    Follow,
    Hall,
    Option,
    Proxy,
    Result,
    Review,
    RollEntry,
    Task,
    Topic,
    Vote,
    Voter,
)
from .models.votes import Channel
from .procedure import OPEN_TOPIC_STATUSES, PROCEDURES, RESOLVED_TOPIC_STATUSES, TopicStatus
from .tally import CONDITIONS, conditions

TOPICS_PER_PAGE = 15


def review_annotations() -> dict:
    """The latest review of a topic, as columns of the topic's own query."""
    latest = Review.objects.filter(topic=OuterRef("pk")).order_by("-at", "-pk")
    return {
        "review_decision": Subquery(latest.values("decision")[:1]),
        "review_reason": Subquery(latest.values("reason")[:1]),
        "review_at": Subquery(latest.values("at")[:1]),
    }


def progress_annotations() -> dict:
    """How far a resolution's tasks have come, as columns of the topic's own query."""
    tasks = Task.objects.filter(topic=OuterRef("pk")).order_by().values("topic")
    return {
        "task_count": Coalesce(Subquery(tasks.annotate(n=Count("pk")).values("n")), Value(0)),
        "tasks_done": Coalesce(
            Subquery(tasks.filter(status=Task.Status.DONE).annotate(n=Count("pk")).values("n")), Value(0)
        ),
        "task_progress": Subquery(tasks.annotate(p=Avg("progress")).values("p"), output_field=FloatField()),
    }


def halls_of(user) -> QuerySet[Hall]:
    """The halls the person reads (`halls.read_hall`)."""
    return visible_to(user, Hall.objects.select_related("place"), perm="halls.read_hall")


@dataclass(frozen=True)
class HallHome:
    hall: Hall
    topics: list[Topic]
    page: int
    has_next: bool
    open_votes: list[Vote]
    resolutions: list[Topic]


def hall_home(hall: Hall, *, page: int = 1) -> HallHome:
    """Open topics 15 at a time, open votes, recent resolutions: three queries."""
    start = (page - 1) * TOPICS_PER_PAGE
    window = list(
        Topic.objects.filter(hall=hall, status__in=OPEN_TOPIC_STATUSES).order_by("-created_at", "-pk")[
            start : start + TOPICS_PER_PAGE + 1
        ]
    )
    return HallHome(
        hall=hall,
        topics=window[:TOPICS_PER_PAGE],
        page=page,
        has_next=len(window) > TOPICS_PER_PAGE,
        open_votes=list(Vote.objects.in_state(Vote.Status.OPEN).filter(hall=hall).order_by("closes_at")[:10]),
        resolutions=list(
            Topic.objects.filter(hall=hall, status__in=RESOLVED_TOPIC_STATUSES)
            .annotate(**progress_annotations())
            .order_by("-agenda_at")[:5]
        ),
    )


def topics_with_hall() -> QuerySet[Topic]:
    return Topic.objects.select_related("hall__place")


def topics_with_standing(user) -> QuerySet[Topic]:
    """Topics with their hall, and whether the person's household co-signed and they follow each."""
    return topics_with_hall().annotate(
        cosigned=Exists(_household_signatures(user).filter(topic=OuterRef("pk"))),
        followed=Exists(Follow.objects.filter(topic=OuterRef("pk"), user_id=user.pk)),
    )


def _household_signatures(user) -> QuerySet[CoSignature]:
    return CoSignature.objects.filter(household__path__in=resident_paths(user))


def topic_cards() -> QuerySet[Topic]:
    """Topics with their hall, its place, the street's latest review and the dates of their steps."""
    return Topic.objects.select_related("hall__place").annotate(**review_annotations(), **_step_dates())


def _step_dates() -> dict:
    """When the topic last entered each step of a procedure (`reached_<status>`), from the audit log."""
    entries = StaffAction.objects.filter(
        content_type__app_label=Topic._meta.app_label,
        content_type__model=Topic._meta.model_name,
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at")
    return {
        f"reached_{status}": Subquery(entries.filter(action=f"halls.step:{status}").values("created_at")[:1])
        for status in TopicStatus.values
    }


def topic_threads(topic: Topic) -> list[tuple[Comment, list[Comment]]]:
    """First-level comments, each with its replies: one query."""
    comments = list(Comment.objects.filter(topic=topic).select_related("author").order_by("created_at", "pk"))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(c, replies.get(c.pk, [])) for c in comments if c.parent_id is None]


def topic_votes(topic: Topic) -> list[Vote]:
    return list(topic.votes.select_related("result").order_by("-opens_at"))


def votes_for_page() -> QuerySet[Vote]:
    return Vote.objects.select_related("hall__place", "scope", "result", "topic").prefetch_related(
        Prefetch("options")
    )


def electors_yet_to_vote(vote: Vote) -> QuerySet[Elector]:
    """The vote's electors with no ballot yet (for a secret vote: not on its roll)."""
    table = RollEntry if vote.secret else Ballot
    voted = table.objects.filter(vote=vote, elector=OuterRef("pk"))
    return Elector.objects.filter(vote=vote).exclude(Exists(voted))


def electors_of(vote: Vote, user) -> list[tuple[Elector, str]]:
    """Whom the person may cast for: their own electors (frozen at opening) first, then those whose
    proxy they hold; one query."""
    own = Voter.objects.filter(vote=vote, user_id=user.pk)
    proxied = Proxy.objects.filter(vote=vote, holder_id=user.pk)
    found = (
        Elector.objects.filter(vote=vote, pk__in=own.values("elector").union(proxied.values("elector")))
        .annotate(own=Exists(own.filter(elector=OuterRef("pk"))))
        .order_by("-own", "pk")
    )
    return [(e, Channel.ONLINE if e.own else Channel.PROXY) for e in found]


@dataclass(frozen=True)
class Eligibility:
    elector: Elector
    by_proxy: bool
    voted: bool
    choices: list[int] | None  # a named ballot's current choices


def eligibility(vote: Vote, user) -> list[Eligibility]:
    """Whom the person may vote for, and whether each has voted: two queries."""
    electors = electors_of(vote, user)
    if not electors:
        return []
    ids = [e.pk for e, _channel in electors]
    if vote.secret:
        roll = RollEntry.objects.filter(vote=vote, elector_id__in=ids)
        voted = dict.fromkeys(roll.values_list("elector_id", flat=True))
    else:
        voted = dict(
            Ballot.objects.filter(vote=vote, elector_id__in=ids).values_list("elector_id", "choices")
        )
    return [
        Eligibility(e, channel == Channel.PROXY, e.pk in voted, voted.get(e.pk)) for e, channel in electors
    ]


@dataclass(frozen=True)
class VoteResult:
    result: Result
    tallies: list[tuple[Option, dict]]
    failed: list[str]


def vote_result(vote: Vote) -> VoteResult | None:
    """The stored result of a closed vote, each option with its tally and the conditions not met (no
    tallies when it is withheld); None while the vote is open (results stay hidden until close)."""
    result = getattr(vote, "result", None) if vote.status == Vote.Status.CLOSED else None
    if result is None:
        return None
    options = list(vote.options.all())
    return VoteResult(
        result=result,
        tallies=[(o, result.tallies[str(o.position)]) for o in options] if result.published else [],
        failed=[CONDITIONS[code] for code in result.failed],
    )


def my_participation(user) -> dict:
    halls = list(halls_of(user).order_by("place__path"))
    return {
        "halls": halls,
        "topics": list(
            Topic.objects.filter(raised_by=user).select_related("hall").order_by("-created_at")[:20]
        ),
        "votes": list(
            Vote.objects.in_state(Vote.Status.OPEN)
            .filter(electors__voters__user=user)
            .select_related("hall")
            .distinct()
            .order_by("closes_at")[:20]
        ),
        "comments": list(
            Comment.objects.filter(author=user).select_related("topic").order_by("-created_at")[:20]
        ),
    }


def vote_conditions(vote: Vote) -> list[str]:
    """What the vote must meet to pass, in plain words (the rule the count applies)."""
    return [CONDITIONS[name] for name in conditions(rule=vote.rule, kind=vote.kind, weighty=vote.weighty)]


@dataclass(frozen=True)
class TrackedStep:
    label: str
    state: str  # "done", "current", "skipped" (an optional step), "to come" or "stopped" (declined, merged)
    at: datetime | None


def procedure_tracker(topic: Topic) -> list[TrackedStep]:
    """Where the topic stands in its hall's procedure (四议两公开): each step done with its date, the
    current one, the ones to come. A declined or merged topic shows the steps it went through. The
    dates are those `topic_cards` reads with the topic."""
    statuses = [TopicStatus.RAISED, *PROCEDURES[topic.hall.procedure].statuses()]
    reached = {status: getattr(topic, f"reached_{status}", None) for status in statuses}
    reached = {status: at for status, at in reached.items() if at} | {
        TopicStatus.RAISED.value: topic.created_at
    }
    current = statuses.index(topic.status) if topic.status in statuses else -1
    tracked = []
    for index, status in enumerate(statuses):
        if index == current:
            state = "current"
        elif status in reached:
            state = "done"
        else:
            state = "skipped" if index < current else "to come" if current >= 0 else "stopped"
        tracked.append(TrackedStep(TopicStatus(status).label, state, reached.get(status)))
    return tracked


def open_topic_titled(hall, title: str) -> Topic | None:
    """An open topic of the hall with this title: a resident is pointed to it before raising another."""
    found = Topic.objects.filter(hall=hall, title=title.strip(), status__in=OPEN_TOPIC_STATUSES)
    return found.order_by("created_at").first()
