"""A vote's page and the ballot cast on it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.visibility import get_visible_or_404, permitted_or_404

from ..actions import act
from . import selectors
from . import services as votes


@login_required
def vote(request, pk: int):
    vote = get_visible_or_404(request.user, selectors.votes_for_page(), perm="halls.read_hall", pk=pk)
    outcome = selectors.vote_result(vote)
    context = {
        "vote": vote,
        "hall": vote.hall,
        "options": list(vote.options.all()),
        "tallies": outcome.tallies if outcome else [],
        "eligibility": selectors.eligibility(vote, request.user) if vote.state == vote.Status.OPEN else [],
        "result": outcome.result if outcome else None,
        "failed": outcome.failed if outcome else [],
        "conditions": selectors.vote_conditions(vote),
    }
    return render(request, "halls/vote.html", context)


@login_required
@require_POST
def vote_cast(request, pk: int):
    vote = permitted_or_404(request.user, selectors.vote_to_cast_on(pk), perm="halls.cast_ballot")
    elector_id = request.POST.get("elector") or None
    act(
        request,
        lambda: votes.ballot_cast(
            vote=vote, user=request.user, choices=request.POST.getlist("choice"), elector_id=elector_id
        ),
        _("Your ballot is recorded."),
    )
    return redirect("halls:vote", pk=pk)
