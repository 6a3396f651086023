"""
Pages and actions of what follows a resolution: objections and their answers on the topic page,
the street official's review page, progress reports and ratings of tasks.

A refused or invalid form renders its page again with what was typed and the reason, status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from . import selectors
from .models import Objection, Task, Topic
from .pages import BOUND_FORMS
from .resolution_forms import AnswerForm, ObjectionForm, ProgressForm, RatingForm, ReviewForm
from .resolutions import reviews_awaiting
from .services import implementation, publication
from .views import topic as topic_page


def _topic_again(request, topic_id: int, key, form, error=None):
    """The topic page again, the form keeping what was typed and saying why it was refused."""
    if error is not None:
        form.add_error(None, refusal_message(error))
    setattr(request, BOUND_FORMS, {key: form})
    response = topic_page(request, topic_id)
    response.status_code = 400
    return response


@login_required
@require_POST
def objection_file(request, pk: int):
    topic = get_visible_or_404(request.user, selectors.topics_with_hall(), perm="halls.take_part", pk=pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        return _topic_again(request, pk, "objection", form)
    try:
        publication.objection_file(
            topic=topic,
            author=request.user,
            body=form.cleaned_data["body"],
            submission_key=form.cleaned_data["submission_key"],
        )
    except (PermissionDenied, ValidationError) as refused:
        return _topic_again(request, pk, "objection", form, refused)
    messages.success(request, _("Your objection is recorded; staff will answer it publicly."))
    return redirect(reverse("halls:topic", args=[pk]) + "#objections")


@login_required
@require_POST
def objection_answer(request, pk: int):
    objection = get_visible_or_404(
        request.user,
        Objection.objects.select_related("topic__hall__place"),
        perm="halls.answer_objection",
        pk=pk,
    )
    form = AnswerForm(request.POST)
    key = ("answer", objection.pk)
    if not form.is_valid():
        return _topic_again(request, objection.topic_id, key, form)
    try:
        publication.objection_answer(objection=objection, by=request.user, answer=form.cleaned_data["answer"])
    except (PermissionDenied, ValidationError) as refused:
        return _topic_again(request, objection.topic_id, key, form, refused)
    messages.success(request, _("The answer is published under the objection."))
    return redirect(reverse("halls:topic", args=[objection.topic_id]) + "#objections")


@login_required
def reviews(request, bound: tuple[int, ReviewForm] | None = None, status: int = 200):
    if not request.user.has_perm("halls.review_topic"):
        raise PermissionDenied
    topics = list(reviews_awaiting(request.user))
    for topic in topics:
        topic.review_form = bound[1] if bound and bound[0] == topic.pk else ReviewForm()
    return render(request, "halls/reviews.html", {"topics": topics}, status=status)


@login_required
@require_POST
def review_decide(request, pk: int):
    topic = get_visible_or_404(
        request.user, Topic.objects.select_related("hall__place"), perm="halls.review_topic", pk=pk
    )
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            publication.review_decide(topic=topic, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as refused:
            form.add_error(None, refusal_message(refused))
        else:
            messages.success(request, _("Your review of “%(topic)s” is recorded.") % {"topic": topic.title})
            return redirect("halls:reviews")
    return reviews(request, bound=(topic.pk, form), status=400)


@login_required
@require_POST
def task_report(request, pk: int):
    task = get_visible_or_404(
        request.user, Task.objects.select_related("topic__hall__place"), perm="halls.update_task", pk=pk
    )
    form = ProgressForm(request.POST, request.FILES)
    key = ("progress", task.pk)
    if not form.is_valid():
        return _topic_again(request, task.topic_id, key, form)
    try:
        implementation.task_report(task=task, by=request.user, **form.cleaned_data)
    except (PermissionDenied, ValidationError) as refused:
        return _topic_again(request, task.topic_id, key, form, refused)
    messages.success(request, _("The progress is recorded."))
    return redirect(reverse("halls:topic", args=[task.topic_id]) + f"#task-{task.pk}")


@login_required
@require_POST
def task_rate(request, pk: int):
    task = get_visible_or_404(
        request.user, Task.objects.select_related("topic__hall__place"), perm="halls.take_part", pk=pk
    )
    form = RatingForm(request.POST)
    key = ("rating", task.pk)
    if not form.is_valid():
        return _topic_again(request, task.topic_id, key, form)
    try:
        implementation.task_rate(task=task, user=request.user, **form.cleaned_data)
    except (PermissionDenied, ValidationError) as refused:
        return _topic_again(request, task.topic_id, key, form, refused)
    messages.success(request, _("Thank you for your rating."))
    return redirect(reverse("halls:topic", args=[task.topic_id]) + f"#task-{task.pk}")
