"""
What the hall home and the topic page keep between requests.

Their shared parts are rendered template fragments kept under the hall's version
(apps/halls/versions.py), and the data behind the topic page's fragments is kept beside them; a
visit reads the version, then all it needs of them at once. A fragment holds no CSRF token and no
submission key: its buttons and fields belong, through the HTML `form` attribute, to the page's
forms, rendered on every request outside the fragments with the person's token
(templates/halls/_topic_forms.html), as are the co-sign and follow buttons. The body of a topic page
varies on who reads it: a visitor, a reader, a member (who objects and rates), each staff member on
their own, and the person themselves where the page is partly theirs (their comments, the tasks they
rated or do).
"""

import uuid
from dataclasses import dataclass, replace
from functools import cached_property

from django.core.cache import cache
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from apps.access.visibility import get_visible_or_404

from . import selectors
from .meetings.selectors import meetings_upcoming
from .models import Hall, Task, Topic
from .resolutions.forms import AnswerForm, ObjectionForm, ProgressForm, RatingForm
from .resolutions.selectors import FollowThrough, follow_through, may_update, rated_tasks
from .topics import selectors as topic_selectors
from .topics.forms import CommentForm
from .versions import KEPT_SECONDS, hall_version, keep, kept
from .votes import selectors as vote_selectors

# Forms a refused action leaves bound, keyed by form: the topic page shows them again, unkept.
BOUND_FORMS = "_halls_bound_forms"
KEPT_SHAPE = "4"  # change it with what is kept, so that a new release reads none of the old


def _kept_as(hall_id: int) -> str | None:
    """What the hall's kept parts are named after: its version and the reader's language."""
    version = hall_version(hall_id)
    return version and f"{KEPT_SHAPE}.{version}.{get_language()}"


def _fragment(found: dict, key: str | None, template: str, context: dict):
    """The fragment kept under `key` (among those `found`), else rendered now and kept."""
    html = found.get(key) if key else None
    if html is None:
        html = render_to_string(template, context)
        if key:
            cache.set(key, html, KEPT_SECONDS)
    return mark_safe(html)


def hall_home(user, hall_id: int, *, page: int) -> dict:
    """The hall, if the person reads it, and its home's body. The hall's row is kept with the body, so
    a visit the cache answers asks the database only for the person and their roles; the person's
    right to read it is asked of the table's predicate on every visit."""
    key = f"halls:home:{KEPT_SHAPE}.{get_language()}:{hall_id}:{page}"
    version, found = kept(hall_id, key)
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
    """What the topic page's fragments show, the same for everyone, with who wrote and does what."""

    threads: list
    votes: list
    follow: FollowThrough | None

    @cached_property
    def authors(self) -> frozenset[int]:
        return frozenset(one.author_id for comment, replies in self.threads for one in (comment, *replies))

    @property
    def tasks(self) -> list[Task]:
        return self.follow.tasks if self.follow else []


def _topic_data(
    topic: Topic, card: Topic, user, found: dict, key: str | None
) -> tuple[TopicData, set[int] | None]:
    """The topic's data, kept under `key` (among those `found`); and, when read from the database
    now, the tasks `user` rated (read with the tasks; else None)."""
    data = found.get(key) if key else None
    if data is not None:
        return data, None
    follow = follow_through(card, user, may_take_part=False, may_answer=False)
    rated = {task.pk for task in follow.tasks if task.rated} if follow else set()
    data = TopicData(
        threads=topic_selectors.topic_threads(topic), votes=vote_selectors.topic_votes(topic), follow=follow
    )
    if key:
        cache.set(key, data, KEPT_SECONDS)
    return data, rated


def topic_page(request, topic: Topic) -> dict:
    """The topic page's context for the person: what is theirs, and what its fragments are kept as.
    The topic comes with the person's standing (`topic_selectors.topics_with_standing`); its card, with the
    street's review and the dates of its steps, is read only when a fragment or the data is missing."""
    user, bound = request.user, getattr(request, BOUND_FORMS, {})
    staff = user.has_perm("halls.moderate_topic", topic) or user.has_perm("halls.answer_objection", topic)
    member = user.has_perm("halls.file_objection", topic)  # who objects also rates
    speaks = user.has_perm("halls.comment_topic", topic)  # not a resident awaiting verification
    viewer = f"staff-{user.pk}" if staff else "member" if member else "reader" if speaks else "visitor"
    kept_as = None if bound else _kept_as(topic.hall_id)
    kept = f"halls:topic:{kept_as}:{topic.pk}"
    keys = {
        "data": kept,
        "head": f"{kept}:head",
        "body": f"{kept}:{viewer}",
        "own": f"{kept}:{viewer}:{user.pk}",
    }
    keys = keys if kept_as else {}
    found = cache.get_many(list(keys.values())) if keys else {}
    card = SimpleLazyObject(lambda: topic_selectors.topic_cards().get(pk=topic.pk))
    data, rated = _topic_data(topic, card, user, found, keys.get("data"))
    done = [task.pk for task in data.tasks if task.status == Task.Status.DONE]
    if rated is None:
        rated = rated_tasks(user, topic, done) if done and member else set()
    updating = {
        task.pk
        for task in data.tasks
        if task.status != Task.Status.DONE and may_update(user, topic, task.pk, task.assignee_id)
    }
    own = user.pk in data.authors or rated or any(task.assignee_id == user.pk for task in data.tasks)
    may_cosign = user.has_perm("halls.cosign_topic", topic)
    follow = data.follow and replace(data.follow, may_take_part=member, may_answer=staff)
    shared = {"topic": topic, "hall": topic.hall, "may_comment": speaks, "may_moderate": staff}
    head = {**shared, "tracker": SimpleLazyObject(lambda: topic_selectors.procedure_tracker(card))}
    body = {
        **shared,
        "person": user.pk if own else None,
        "body": SimpleLazyObject(lambda: _body(topic, data, follow, bound, rated=rated, updating=updating)),
    }
    return {
        "head_html": _fragment(found, keys.get("head"), "halls/_topic_head.html", head),
        "body_html": _fragment(found, keys.get("own" if own else "body"), "halls/_topic_body.html", body),
        "may_cosign": may_cosign,
        "may_follow": user.has_perm("halls.take_part", topic),
        "may_moderate": staff,
        "may_comment": speaks,
        "objection_key": _objection_key(follow, bound),
        "answering": [o.pk for o in follow.objections if not o.answered_at] if follow and staff else [],
        "rating": [pk for pk in done if pk not in rated] if member else [],
        "progress": [(pk, uuid.uuid4()) for pk in sorted(updating)],
    }


def _objection_key(follow: FollowThrough | None, bound: dict):
    """The key of the person's objection form, a new one on each visit (a refused one keeps its own)."""
    if "objection" in bound:
        return bound["objection"].data.get("submission_key")
    return uuid.uuid4() if follow and follow.window_open and follow.may_take_part else None


def _attached(form, form_id: str):
    """The form's fields, belonging to the page's form `form_id` wherever they stand; its submission
    key is the page's form's own."""
    form.fields.pop("submission_key", None)
    for field in form.fields.values():
        field.widget.attrs["form"] = form_id
    return form


def _body(topic: Topic, data: TopicData, follow, bound: dict, *, rated: set[int], updating: set[int]) -> dict:
    """What the body's fragment shows; built only when the fragment is missing."""
    for objection in follow.objections if follow else ():
        form = bound.get(("answer", objection.pk)) or AnswerForm()
        objection.answer_form = _attached(form, f"answer-{objection.pk}")
    for task in data.tasks:
        task.rating_form = _attached(bound.get(("rating", task.pk)) or RatingForm(), f"rate-{task.pk}")
        progress = bound.get(("progress", task.pk)) or ProgressForm()
        task.progress_form = _attached(progress, f"progress-{task.pk}")
    return {
        "threads": data.threads,
        "votes": data.votes,
        "follow": follow,
        "objection_form": _attached(bound.get("objection") or ObjectionForm(), "objection"),
        # the replies' boxes belong to the same form: an empty comment box must not hold them back
        "comment_form": _attached(CommentForm(use_required_attribute=False), "comment"),
        "rated": rated,
        "updating": updating,
    }
