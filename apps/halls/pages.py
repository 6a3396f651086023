"""
What the hall home and the topic page keep between requests, under the hall's version
(apps/halls/versions.py): rendered template fragments, and the data they are rendered from.

A kept fragment is the same for everyone who reads it alike. The topic page's body is kept for each
kind of reader (whether they comment, object and rate, moderate: asked of the permission table) in
pieces; where a piece differs from one person to another (a thread shows the authors in it a delete
button under their own comments, a task shows whoever rated it or reports on it their own part) it
is kept in each of its variants, each rendered whole from its template, and the visit picks the
person's. A person's standing on the topic (co-signed, followed, the tasks their household rated) is
kept apart, as data, under their own key. No fragment holds a CSRF token or a submission key: its
buttons and fields belong, through the HTML `form` attribute, to the page's forms, rendered on every
request with the person's token (templates/halls/_topic_forms.html), as are the co-sign and follow
buttons. A visit the cache answers asks the database for the person, their roles and the topic's
own row, and unpickles strings and numbers only: the topic's data (its comments as model objects)
is read only when a piece is missing.
"""

import uuid
from dataclasses import dataclass, replace
from functools import cached_property

from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.backends.base import BaseCache
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from apps.access.visibility import get_visible_or_404

from . import selectors
from .meetings.selectors import meetings_upcoming
from .membership import resident_paths
from .models import Comment, Hall, Task, Topic
from .resolutions.forms import AnswerForm, ObjectionForm, ProgressForm, RatingForm
from .resolutions.selectors import FollowThrough, follow_through, may_update, rated_tasks
from .topics import selectors as topic_selectors
from .topics.forms import CommentForm
from .versions import KEPT_SECONDS, VERSION_SECONDS, hall_version, keep, kept, kept_under, standing_key
from .votes import selectors as vote_selectors

# Forms a refused action leaves bound, keyed by form: the topic page shows them again, unkept.
BOUND_FORMS = "_halls_bound_forms"
KEPT_SHAPE = "5"  # change it with what is kept, so that a new release reads none of the old


def hall_home(user, hall_id: int, *, page: int) -> dict:
    """The hall, if the person reads it, and its home's body. The hall's row is kept with the body, so
    a visit the cache answers asks the database only for the person and their roles; the person's
    right to read it is asked of the table's predicate on every visit."""
    key = f"halls:home:{KEPT_SHAPE}.{get_language()}:{hall_id}:{page}"
    version, found = kept(hall_id, key)
    found = found.get(key)
    if found is None:
        hall = get_visible_or_404(
            user, Hall.objects.select_related("place"), perm="halls.read_hall", pk=hall_id
        )
        context = {
            "hall": hall,
            "home": SimpleLazyObject(lambda: selectors.hall_home(hall, page=page)),
            "meetings": SimpleLazyObject(lambda: meetings_upcoming(hall)),
        }
        found = (hall, render_to_string("halls/_hall_home.html", context))
        keep(version, key, found)
    elif not user.has_perm("halls.read_hall", found[0]):
        raise Http404
    hall, html = found
    return {"hall": hall, "body_html": mark_safe(html)}


@dataclass
class TopicData:
    """What the topic page's pieces are rendered from, the same for everyone."""

    threads: list
    votes: list
    follow: FollowThrough | None

    @property
    def tasks(self) -> list[Task]:
        return self.follow.tasks if self.follow else []


@dataclass(frozen=True)
class KeptTask:
    pk: int
    done: bool
    assignee_id: int | None
    html: dict[bool, str]  # True: as the person whose household rated it (done) or who reports on it sees it


@dataclass(frozen=True)
class KeptBody:
    """The topic page's body for one kind of reader."""

    top: str  # the votes, the street's review, the public notice and its objections
    tasks: list[KeptTask]
    threads: list[dict[int | None, str]]  # each thread as each author in it sees it, and as others do (None)
    comment_box: str
    window_open: bool
    unanswered: list[int]


@dataclass(frozen=True)
class Standing:
    """A person's standing on the topic, and the households it was read for."""

    households: tuple[str, ...]
    cosigned: bool
    followed: bool
    rated: frozenset[int]


@dataclass(frozen=True)
class Reader:
    """What the body differs on between readers, asked of the permission table."""

    speaks: bool  # comments (not a resident awaiting verification)
    member: bool  # objects and rates
    staff: bool  # moderates and answers objections

    @classmethod
    def of(cls, user, topic: Topic) -> "Reader":
        return cls(
            speaks=user.has_perm("halls.comment_topic", topic),
            member=user.has_perm("halls.file_objection", topic),
            staff=user.has_perm("halls.moderate_topic", topic)
            or user.has_perm("halls.answer_objection", topic),
        )

    def __str__(self) -> str:
        return f"{self.speaks:d}{self.member:d}{self.staff:d}"


def _key(topic_id: int, part: str) -> str:
    return f"halls:topic:{KEPT_SHAPE}:{topic_id}:{part}"


def _hall_key(hall_id: int) -> str:
    return f"halls:hall:{KEPT_SHAPE}:{hall_id}"


def topic_page(request, topic_id: int) -> dict:
    """The topic page's context for the person, if they read the topic (else Http404)."""
    user, bound = request.user, getattr(request, BOUND_FORMS, {})
    local = None if bound else _process_cache()
    reading = _Reading(user, topic_id, local)
    topic, reader = reading.topic, Reader.of(user, reading.topic)
    local = local if reading.version else None
    head_key = _key(topic_id, f"head:{reading.version}:{get_language()}")
    body_key = _key(topic_id, f"body:{reading.version}:{get_language()}:{reader}")
    found = local.get_many([head_key, body_key]) if local else {}
    head = found.get(head_key) or _fragment(local, head_key, _head(reading))
    body = found.get(body_key) or _fragment(local, body_key, _body(reading, reader, bound))
    standing = reading.standing or reading.standing_now([t.pk for t in body.tasks if t.done], reader)
    updating = {t.pk for t in body.tasks if not t.done and may_update(user, topic, t.pk, t.assignee_id)}
    return {
        "topic": topic,
        "hall": topic.hall,
        "head_html": mark_safe(head),
        "top_html": mark_safe(body.top),
        "tasks_html": mark_safe(
            "".join(t.html[t.pk in standing.rated if t.done else t.pk in updating] for t in body.tasks)
        ),
        "threads_html": mark_safe("".join(thread.get(user.pk) or thread[None] for thread in body.threads)),
        "comment_box_html": mark_safe(body.comment_box),
        "may_cosign": user.has_perm("halls.cosign_topic", topic),
        "may_follow": user.has_perm("halls.take_part", topic),
        "may_moderate": reader.staff,
        "may_comment": reader.speaks,
        "objection_key": _objection_key(body.window_open and reader.member, bound),
        "answering": body.unanswered if reader.staff else [],
        "rating": [t.pk for t in body.tasks if t.done and t.pk not in standing.rated]
        if reader.member
        else [],
        "progress": [(pk, uuid.uuid4()) for pk in sorted(updating)],
    }


def _process_cache() -> BaseCache | None:
    """The process's own cache (`CACHES["local"]`), for fragments named by their hall's version: read
    without a round trip to Redis. None where the settings name none."""
    try:
        return caches["local"]
    except InvalidCacheBackendError:
        return None


def _fragment(local: BaseCache | None, key: str, value):
    if local:
        local.set(key, value, KEPT_SECONDS)
    return value


class _Reading:
    """The topic as a visit reads it: its row, its hall's version and the person's standing, kept or
    read now; its card and data, only when a fragment is missing. Nothing is kept without `local`
    (a refused form shown again)."""

    def __init__(self, user, topic_id: int, local: BaseCache | None):
        self.user, self.rated_now = user, None
        # the hall the topic was in when last read (checked against its row): no round trip
        hall_id = local.get(_key(topic_id, "hall")) if local else None
        self.version, found = (
            kept(hall_id, _hall_key(hall_id), standing_key(topic_id, user.pk)) if hall_id else (None, {})
        )
        hall, standing = found.get(_hall_key(hall_id)), found.get(standing_key(topic_id, user.pk))
        if standing and standing.households != tuple(resident_paths(user)):
            standing = None
        self.topic = hall and standing and _row(user, topic_id, hall)
        self.standing = self.topic and standing
        if self.topic:
            self.topic.cosigned, self.topic.followed = standing.cosigned, standing.followed
            self.read_before = self.version
            return
        topics = topic_selectors.topics_with_standing(user)
        self.topic = get_visible_or_404(user, topics, perm="halls.read_hall", pk=topic_id)
        # what the topic's row gave may be kept only under a version read before it
        self.read_before = self.version if self.topic.hall_id == hall_id else None
        if local and not self.read_before:
            local.set(_key(topic_id, "hall"), self.topic.hall_id, VERSION_SECONDS)
            self.version = hall_version(self.topic.hall_id)
        keep(self.read_before, _hall_key(self.topic.hall_id), self.topic.hall)

    @cached_property
    def card(self) -> Topic:
        return topic_selectors.topic_cards().get(pk=self.topic.pk)

    @cached_property
    def data(self) -> TopicData:
        key = _key(self.topic.pk, "data")
        data = kept_under(self.version, key).get(key)
        if data is None:
            follow = follow_through(self.card, self.user, may_take_part=False, may_answer=False)
            self.rated_now = (
                frozenset(task.pk for task in follow.tasks if task.rated) if follow else frozenset()
            )
            for task in follow.tasks if follow else ():
                task.rated = None  # the person's own: kept in their standing, never with the data
            threads, votes = topic_selectors.topic_threads(self.topic), vote_selectors.topic_votes(self.topic)
            data = TopicData(threads=threads, votes=votes, follow=follow)
            keep(self.version, key, data)
        return data

    def standing_now(self, done: list[int], reader: Reader) -> Standing:
        """The person's standing read now, with the tasks of `done` their household rated."""
        if not (done and reader.member):
            rated = frozenset()
        elif self.rated_now is not None:
            rated = self.rated_now.intersection(done)
        else:
            rated = frozenset(rated_tasks(self.user, self.topic, done))
        topic = self.topic
        standing = Standing(tuple(resident_paths(self.user)), topic.cosigned, topic.followed, rated)
        keep(self.read_before, standing_key(topic.pk, self.user.pk), standing)
        return standing


def _row(user, topic_id: int, hall: Hall) -> Topic | None:
    """The topic's own row with its kept hall, if the person reads it; None if it has moved to
    another hall since."""
    try:
        topic = Topic.objects.get(pk=topic_id)
    except Topic.DoesNotExist as missing:
        raise Http404 from missing
    if topic.hall_id != hall.pk:
        return None
    topic.hall = hall
    if not user.has_perm("halls.read_hall", topic):
        raise Http404
    return topic


def _html(template: str, context: dict) -> str:
    """The template rendered, as a plain `str`: kept, it unpickles without a class to rebuild."""
    return str.__str__(render_to_string(template, context))


def _head(reading: _Reading) -> str:
    topic = reading.topic
    tracker = SimpleLazyObject(lambda: topic_selectors.procedure_tracker(reading.card))
    return render_to_string(
        "halls/_topic_head.html", {"topic": topic, "hall": topic.hall, "tracker": tracker}
    )


def _body(reading: _Reading, reader: Reader, bound: dict) -> KeptBody:
    """The body for this kind of reader; built only when it is missing."""
    topic, data = reading.topic, reading.data
    follow = data.follow and replace(data.follow, may_take_part=reader.member, may_answer=reader.staff)
    shared = {"topic": topic, "hall": topic.hall, "may_comment": reader.speaks, "may_moderate": reader.staff}
    for objection in follow.objections if follow else ():
        form = bound.get(("answer", objection.pk)) or AnswerForm()
        objection.answer_form = _attached(form, f"answer-{objection.pk}")
    objection_form = _attached(bound.get("objection") or ObjectionForm(), "objection")
    top = {"votes": data.votes, "follow": follow, "objection_form": objection_form}
    comment_form = _attached(CommentForm(use_required_attribute=False), "comment")
    return KeptBody(
        top=_html("halls/_topic_top.html", {**shared, "body": top}),
        tasks=[_task(task, follow, bound) for task in data.tasks],
        threads=[_thread(comment, replies, shared) for comment, replies in data.threads],
        # the replies' boxes belong to the same form: an empty comment box must not hold them back
        comment_box=_html("halls/_comment_box.html", {**shared, "comment_form": comment_form}),
        window_open=bool(follow and follow.window_open),
        unanswered=[o.pk for o in follow.objections if not o.answered_at] if follow else [],
    )


def _task(task: Task, follow: FollowThrough, bound: dict) -> KeptTask:
    """The task as whoever rated it (done) or reports on it sees it, and as others do."""
    task.rating_form = _attached(bound.get(("rating", task.pk)) or RatingForm(), f"rate-{task.pk}")
    task.progress_form = _attached(bound.get(("progress", task.pk)) or ProgressForm(), f"progress-{task.pk}")
    html = {
        mine: _html("halls/_task.html", {"task": task, "follow": follow, "mine": mine})
        for mine in (False, True)
    }
    return KeptTask(task.pk, task.status == Task.Status.DONE, task.assignee_id, html)


def _thread(comment: Comment, replies: list[Comment], shared: dict) -> dict[int | None, str]:
    """The thread as others see it (None), and as each author of a comment in it with its buttons does
    (their own comments with a delete button instead of a report button)."""
    shown = (one.author_id for one in (comment, *replies) if one.state == Comment.State.VISIBLE)
    authors = set(shown) if shared["may_comment"] else set()
    context = {**shared, "comment": comment, "replies": replies}
    return {person: _html("halls/_thread.html", {**context, "person": person}) for person in (None, *authors)}


def _objection_key(may_object: bool, bound: dict):
    """The key of the person's objection form, a new one on each visit (a refused one keeps its own)."""
    if "objection" in bound:
        return bound["objection"].data.get("submission_key")
    return uuid.uuid4() if may_object else None


def _attached(form, form_id: str):
    """The form's fields, belonging to the page's form `form_id` wherever they stand; its submission
    key is the page's form's own."""
    form.fields.pop("submission_key", None)
    for field in form.fields.values():
        field.widget.attrs["form"] = form_id
    return form
