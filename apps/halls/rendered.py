"""
The hall home and the body of a topic page, rendered once per hall version and then served from the
cache (apps/halls/versions.py says when a hall's version changes).

A stored topic body is the same for every viewer of a kind: a "member" (who may object and rate), a
"reader" (who may not), and each staff member on their own. What differs from person to person is
put in on every request: the CSRF token and the objection form's submission key (markers), the
co-sign and follow buttons, and the slots a person's own standing changes — a delete button instead
of "report abuse" under their own comments, "you have rated" instead of the rating form, the
progress form of a task they do. Stored parts live at most `CACHE_SECONDS`, which bounds what only
the clock changes: a notice ending, a task falling overdue.
"""

import uuid
from types import SimpleNamespace

from django.core.cache import cache
from django.http import Http404
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from apps.access.visibility import get_visible_or_404

from . import selectors
from .forms import CommentForm
from .meeting_selectors import meetings_upcoming
from .models import Hall, Task, Topic
from .resolution_forms import AnswerForm, ObjectionForm, ProgressForm, RatingForm
from .resolutions import follow_through, may_update, rated_tasks
from .versions import hall_version, topic_card_key

CACHE_SECONDS = 60
STORED_SHAPE = "halls:page:2"  # change it with what is stored, so that a new release reads none of the old
CSRF_MARKER = "gz-csrf-token"
ACTIONS_MARKER = "<!--gz:actions-->"
KEY_MARKER = "gz-submission-key"
ANY_COMMENT = "987654321"  # a comment id in the author's delete button, put in per comment
# Forms a refused action leaves bound, keyed by form: the topic page shows them again, uncached.
BOUND_FORMS = "_halls_bound_forms"


def _key(hall_id: int, parts: tuple, version: str | None = None) -> str | None:
    """Where a part of the hall's pages is kept under its current version; None without a cache."""
    version = version or hall_version(hall_id)
    if version is None:
        return None
    return ":".join([STORED_SHAPE, str(hall_id), version, get_language() or "", *map(str, parts)])


def _cached(hall_id: int, parts: tuple, render, version: str | None = None):
    """What `render()` returns, kept under the hall's version (read before `render` reads the
    database, so nothing older than the version is stored under it)."""
    key = _key(hall_id, parts, version)
    found = cache.get(key) if key else None
    if found is None:
        found = render()
        if key:
            cache.set(key, found, CACHE_SECONDS)
    return found


def hall_page(user, pk, page: int) -> tuple[Hall, str]:
    """The hall, if the person belongs to it, and the body of its home page (open topics, upcoming
    meetings, open votes, recent resolutions); no query while the cache holds both."""
    hall_id = selectors.id_or_404(pk)

    def render() -> dict:
        hall = get_visible_or_404(
            user, Hall.objects.select_related("place"), perm="halls.read_hall", pk=hall_id
        )
        context = {
            "hall": hall,
            "home": selectors.hall_home(hall, page=page),
            "meetings": meetings_upcoming(hall),
        }
        return {"hall": hall, "html": render_to_string("halls/_hall_home.html", context)}

    stored = _cached(hall_id, ("home", page), render)
    if not user.has_perm("halls.read_hall", stored["hall"]):
        raise Http404
    return stored["hall"], mark_safe(stored["html"])


def topic_page(request, pk) -> tuple[Topic, str]:
    """The topic, if the person belongs to its hall, and the body of its page for them. While the
    cache holds the topic and the body, only the person's own standing is asked of the database:
    whether their household co-signed it (while it takes signatures) and which of its finished
    tasks they have rated (if it has any)."""
    user, bound = request.user, getattr(request, BOUND_FORMS, {})
    topic, version = _topic(selectors.id_or_404(pk))
    if not user.has_perm("halls.read_hall", topic):
        raise Http404
    staff = user.has_perm("halls.moderate_topic", topic) or user.has_perm("halls.answer_objection", topic)
    member = user.has_perm("halls.file_objection", topic)  # who objects also rates
    speaks = user.has_perm("halls.comment_topic", topic)  # not a resident awaiting verification
    viewer = f"staff-{user.pk}" if staff else ("member" if member else ("reader" if speaks else "visitor"))
    rated: set[int] | None = None  # known without a query when this request renders the body

    def render() -> dict:
        nonlocal rated
        stored, rated = _render_topic_body(
            topic, user, staff=staff, member=member, speaks=speaks, bound=bound
        )
        return stored

    stored = render() if bound else _cached(topic.hall_id, ("topic", topic.pk, viewer), render, version)
    if rated is None:
        done = [pk for pk, _, status in stored["tasks"] if status == Task.Status.DONE]
        rated = rated_tasks(user, topic, done) if done and member else set()
    body = _personalised(stored, request, topic, staff=staff, rated=rated, bound=bound)
    return topic, mark_safe(body)


def _topic(topic_id: int) -> tuple[Topic, str | None]:
    """The topic with its hall, its place and the street's latest review, and its hall's version.
    It is kept with the version it was read under (read before the database, so nothing older is
    kept under it) and served while that version lasts; saving the topic forgets it."""
    kept = cache.get(topic_card_key(topic_id))
    hall_id = version = None
    if kept is not None:
        hall_id, kept_under, topic = kept
        version = hall_version(hall_id)
        if version is not None and version == kept_under:
            return topic, version
    topic = selectors.topic_card(topic_id)
    if topic is None:
        raise Http404
    if topic.hall_id != hall_id:  # its version was not read before the database: keep it unconfirmed
        version = None
    cache.set(topic_card_key(topic_id), (topic.hall_id, version, topic), CACHE_SECONDS)
    return topic, version


def _render_topic_body(
    topic: Topic, user, *, staff: bool, member: bool, speaks: bool, bound: dict
) -> tuple[dict, set[int]]:
    """The body's HTML with its markers and slots, the ids of each author's comments and the tasks
    with whoever does them; and, for `user` only, the tasks they have rated. Staff-only parts are
    rendered for `user` when `staff`."""
    follow = follow_through(topic, user, may_take_part=member, may_answer=staff)
    for objection in follow.objections if follow else ():
        objection.answer_form = bound.get(("answer", objection.pk)) or AnswerForm()
    for task in follow.tasks if follow else ():
        task.may_update = staff and may_update(user, topic, task.pk, task.assignee_id)
        task.rating_form = bound.get(("rating", task.pk)) or RatingForm()
        task.progress_form = bound.get(("progress", task.pk)) or ProgressForm()
    threads = selectors.topic_threads(topic)
    context = {
        "topic": topic,
        "hall": topic.hall,
        "threads": threads,
        "votes": selectors.topic_votes(topic),
        "tracker": selectors.procedure_tracker(topic),
        "may_moderate": staff,
        "may_comment": speaks,
        "follow": follow,
        "objection_form": bound.get("objection") or ObjectionForm(initial={"submission_key": KEY_MARKER}),
        "comment_form": CommentForm(),
        "csrf_token": CSRF_MARKER,
    }
    authors: dict[int, list[int]] = {}
    for comment, replies in threads:
        for one in (comment, *replies):
            authors.setdefault(one.author_id, []).append(one.pk)
    tasks = follow.tasks if follow else []
    own = {"comment": SimpleNamespace(pk=ANY_COMMENT), "own": True, "csrf_token": CSRF_MARKER}
    stored = {
        "html": render_to_string("halls/_topic_body.html", context),
        "followers": selectors.followers(topic),
        "own_action": render_to_string("halls/_comment_action.html", own),  # for any author's comment
        "authors": authors,
        "tasks": [(t.pk, t.assignee_id, t.status) for t in tasks],
    }
    return stored, {t.pk for t in tasks if t.rated and t.status == Task.Status.DONE}


def _fill(html: str, slot: str, content: str) -> str:
    """Put `content` in place of the slot `<!--gz:slot-->…<!--/gz:slot-->`."""
    start = html.find(f"<!--gz:{slot}-->")
    end = html.find(f"<!--/gz:{slot}-->", start)
    if start < 0 or end < 0:
        return html
    return html[:start] + content + html[end + len(f"<!--/gz:{slot}-->") :]


def _personalised(stored: dict, request, topic: Topic, *, staff: bool, rated: set[int], bound: dict) -> str:
    user = request.user
    may_cosign = user.has_perm("halls.cosign_topic", topic)
    topic.followed = user.pk in stored["followers"]
    topic.cosigned = may_cosign and selectors.cosigned(user, topic)
    may_follow = user.has_perm("halls.take_part", topic)
    actions = {"topic": topic, "may_cosign": may_cosign, "may_follow": may_follow, "csrf_token": CSRF_MARKER}
    html = stored["html"].replace(ACTIONS_MARKER, render_to_string("halls/_topic_actions.html", actions))
    for comment_id in stored["authors"].get(user.pk, ()):
        delete = stored["own_action"].replace(ANY_COMMENT, str(comment_id))
        html = _fill(html, f"comment:{comment_id}", delete)
    for pk, assignee_id, status in stored["tasks"]:
        # a staff member's body already holds their progress forms; anyone else's only the shared parts
        doing = not staff and status != Task.Status.DONE and may_update(user, topic, pk, assignee_id)
        if pk in rated or doing:
            context = {
                "task": SimpleNamespace(pk=pk, status=status),
                "rated": pk in rated,
                "may_update": doing,
                "rating_form": bound.get(("rating", pk)),
                "progress_form": bound.get(("progress", pk)) or ProgressForm(),
                "csrf_token": CSRF_MARKER,
            }
            html = _fill(html, f"task:{pk}", render_to_string("halls/_task_forms.html", context))
    if KEY_MARKER in html:
        html = html.replace(KEY_MARKER, str(uuid.uuid4()))
    return html.replace(CSRF_MARKER, get_token(request))
