"""A topic's actions: raising it, co-signing and following it, its comments posted, flagged, deleted
and hidden; each returns to the topic page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from ..actions import act
from ..models import Comment, Hall
from . import discussion, selectors
from . import services as topics
from .forms import CommentForm, TopicForm


@login_required
def topic_new(request, pk: int):
    hall = get_visible_or_404(
        request.user, Hall.objects.select_related("place"), perm="halls.read_hall", pk=pk
    )
    form = TopicForm(request.POST or None)
    same = None
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("title", "body")}
        same = None if form.cleaned_data["raise_anyway"] else selectors.open_topic_titled(hall, data["title"])
        if same is None:
            try:
                topic = topics.topic_raise(hall=hall, user=request.user, **data)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                return redirect("halls:topic", pk=topic.pk)
        else:
            form = TopicForm(initial={**data, "raise_anyway": True})
    return render(request, "halls/topic_new.html", {"hall": hall, "form": form, "same": same})


@login_required
@require_POST
def topic_cosign(request, pk: int):
    topic = get_visible_or_404(request.user, selectors.topics_with_hall(), perm="halls.read_hall", pk=pk)
    act(request, lambda: topics.topic_cosign(topic=topic, user=request.user), _("Your household co-signed."))
    return redirect("halls:topic", pk=pk)


@login_required
@require_POST
def topic_follow(request, pk: int):
    topic = get_visible_or_404(request.user, selectors.topics_with_hall(), perm="halls.take_part", pk=pk)
    follow = request.POST.get("follow") == "1"
    act(
        request,
        lambda: discussion.topic_follow(topic=topic, user=request.user, follow=follow),
        _("You follow this topic.") if follow else _("You no longer follow this topic."),
    )
    return redirect("halls:topic", pk=pk)


@login_required
@require_POST
def comment_post(request, pk: int):
    topic = get_visible_or_404(request.user, selectors.topics_with_hall(), perm="halls.take_part", pk=pk)
    form = CommentForm.from_post(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect("halls:topic", pk=pk)
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(topic=topic, pk=form.cleaned_data["parent"]).first()
        if parent is None:
            raise Http404
    act(
        request,
        lambda: discussion.comment_post(
            topic=topic, author=request.user, body=form.cleaned_data["body"], parent=parent
        ),
        _("Your comment is posted."),
    )
    return redirect("halls:topic", pk=pk)


def _comments():
    return Comment.objects.select_related("topic__hall__place")


@login_required
@require_POST
def comment_flag(request, pk: int):
    comment = get_visible_or_404(request.user, _comments(), perm="halls.take_part", pk=pk)
    reason = request.POST.get("reason", "")
    act(
        request,
        lambda: discussion.comment_flag(comment=comment, user=request.user, reason=reason),
        _("Thank you; staff will look at it."),
    )
    return redirect("halls:topic", pk=comment.topic_id)


@login_required
@require_POST
def comment_delete(request, pk: int):
    comment = get_visible_or_404(request.user, _comments(), perm="halls.take_part", pk=pk)
    act(
        request,
        lambda: discussion.comment_delete(comment=comment, author=request.user),
        _("Your comment is deleted."),
    )
    return redirect("halls:topic", pk=comment.topic_id)


@login_required
@require_POST
def comment_hide(request, pk: int):
    comment = get_visible_or_404(request.user, _comments(), perm="halls.take_part", pk=pk)
    reason = request.POST.get(f"reason-{pk}") or request.POST.get("reason", "")
    act(
        request,
        lambda: discussion.comment_hide(comment=comment, by=request.user, reason=reason),
        _("The comment is hidden; the reason is shown in its place."),
    )
    return redirect("halls:topic", pk=comment.topic_id)
