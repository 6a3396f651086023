"""The hall's pages: my participation, the hall home, the topic page; and the forms about a resolution
posted on the topic page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from . import pages, selectors
from .models import Objection, Task
from .pages import BOUND_FORMS
from .resolutions import implementation
from .resolutions import services as publication
from .resolutions.forms import AnswerForm, ObjectionForm, ProgressForm, RatingForm
from .topics import selectors as topic_selectors


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


@login_required
def mine(request):
    return render(request, "halls/mine.html", selectors.my_participation(request.user))


@login_required
def hall(request, pk: int):
    context = pages.hall_home(request.user, pk, page=_page_number(request))
    return render(request, "halls/hall.html", context)


@login_required
def topic(request, pk: int):
    return render(request, "halls/topic.html", pages.topic_page(request, pk))


# forms of what follows a resolution, posted on the topic page: a refused or invalid one renders
# the page again with what was typed and the reason, status 400
def _topic_again(request, topic_id: int, key, form, error=None):
    """The topic page again, the form keeping what was typed and saying why it was refused."""
    if error is not None:
        form.add_error(None, refusal_message(error))
    setattr(request, BOUND_FORMS, {key: form})
    response = topic(request, topic_id)
    response.status_code = 400
    return response


@login_required
@require_POST
def objection_file(request, pk: int):
    topic = get_visible_or_404(
        request.user, topic_selectors.topics_with_hall(), perm="halls.take_part", pk=pk
    )
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
