"""A campaign's page: today's check-in, progress, rewards; the station code; volunteers confirming."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.access.visibility import get_visible_or_404
from apps.accounts.phones import normalize_mainland_mobile
from apps.core.refusals import refusal_message

from ..forms import CampaignCheckInForm, VolunteerConfirmForm
from ..models import Campaign
from ..qr import station_url, svg
from ..selectors.campaigns import campaign_progress, reached
from ..services.campaigns import campaign_check_in, reward_claim


def _public_campaign(request, pk: int) -> Campaign:
    campaigns = Campaign.objects.select_related("organization__place")
    return get_visible_or_404(request.user, campaigns, perm="organizations.read_campaign", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign(request, pk: int):
    found = _public_campaign(request, pk)
    form = CampaignCheckInForm(
        request.POST or None, request.FILES or None, initial={"code": request.GET.get("c", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_check_in(campaign=found, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("Checked in for today."))
        return redirect("organizations:campaign", pk=pk)
    progress = campaign_progress(found, request.user)
    tiers = [(tier, reached(tier, progress), progress.claimed.get(tier.pk)) for tier in found.tiers.all()]
    context = {"campaign": found, "form": form, "progress": progress, "tiers": tiers}
    return render(request, "organizations/campaign.html", context)


@login_required
@require_POST
def claim(request, pk: int, tier: int):
    found = _public_campaign(request, pk)
    chosen = get_object_or_404(found.tiers, pk=tier)
    chosen.campaign = found
    try:
        reward_claim(tier=chosen, user=request.user)
    except ValidationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("Reward claimed: show this page to the staff to receive it."))
    return redirect("organizations:campaign", pk=pk)


@login_required
def station(request, pk: int):
    found = get_visible_or_404(
        request.user, Campaign.objects.all(), perm="organizations.change_campaign", pk=pk
    )
    return render(request, "organizations/station.html", {"campaign": found, "qr": svg(station_url(found))})


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk: int):
    """A volunteer at the station confirms a resident's check-in by their mobile number."""
    found = get_visible_or_404(
        request.user, Campaign.objects.all(), perm="organizations.confirm_checkin", pk=pk
    )
    form = VolunteerConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phone = normalize_mainland_mobile(form.cleaned_data["phone"])
            person = get_user_model().objects.filter(phone=phone).first()
            if person is None:
                raise ValidationError(_("No one is registered with this number."))
            campaign_check_in(campaign=found, user=person, confirmed_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Checked in: %(name)s") % {"name": person})
            return redirect("organizations:campaign_confirm", pk=pk)
    return render(request, "organizations/campaign_confirm.html", {"campaign": found, "form": form})
