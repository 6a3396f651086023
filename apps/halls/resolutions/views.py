"""The street official's review page: resolutions awaiting review, each with its form; a refused or
invalid form renders the page again with what was typed and the reason, status 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from ..models import Topic
from . import services as publication
from .forms import ReviewForm
from .selectors import reviews_awaiting


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
