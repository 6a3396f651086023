"""Check-in campaigns: one valid check-in per person per day, and rewards claimed once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..codes import station_code_valid
from ..models import Campaign, CheckIn, RewardClaim, RewardTier
from ..selectors.campaigns import campaign_progress, reached


def _check_window(campaign: Campaign) -> None:
    now = timezone.localtime()
    if not campaign.starts_on <= now.date() <= campaign.ends_on:
        raise ValidationError(_("The campaign is not running today."))
    if not campaign.window_opens <= now.time() < campaign.window_closes:
        raise ValidationError(
            _("Check in between %(opens)s and %(closes)s.")
            % {
                "opens": campaign.window_opens.strftime("%H:%M"),
                "closes": campaign.window_closes.strftime("%H:%M"),
            }
        )


def campaign_check_in(*, campaign: Campaign, user, photo=None, code: str = "", confirmed_by=None) -> CheckIn:
    """Record today's check-in if it meets the campaign's rule: a photo, the station's code, or a
    volunteer's confirmation."""
    _check_window(campaign)
    if not user.has_perm("organizations.join_campaign", campaign):
        raise ValidationError(_("This campaign is for residents of the community."))
    rule = Campaign.Rule
    if campaign.rule == rule.PHOTO and not photo:
        raise ValidationError({"photo": _("Attach a photo.")})
    if campaign.rule == rule.STATION_CODE and not station_code_valid(campaign, code):
        raise ValidationError({"code": _("This is not the code of this campaign's station.")})
    if campaign.rule == rule.VOLUNTEER and not (
        confirmed_by and confirmed_by.has_perm("organizations.confirm_checkin", campaign)
    ):
        raise ValidationError(_("A volunteer of the campaign confirms this check-in."))
    check_in = CheckIn(
        campaign=campaign,
        organization_id=campaign.organization_id,
        user=user,
        day=timezone.localdate(),
        confirmed_by=confirmed_by if campaign.rule == rule.VOLUNTEER else None,
    )
    if photo and campaign.rule == rule.PHOTO:
        check_in.photo = photo
    try:
        with transaction.atomic():
            check_in.save()
    except IntegrityError as twice:
        raise ValidationError(_("Already checked in today. Come back tomorrow.")) from twice
    return check_in


def reward_claim(*, tier: RewardTier, user) -> RewardClaim:
    progress = campaign_progress(tier.campaign, user)
    if not reached(tier, progress):
        raise ValidationError(
            _("Not reached yet: %(days)d days needed.") % {"days": tier.days},
        )
    claim = RewardClaim(tier=tier, organization_id=tier.campaign.organization_id, user=user)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as twice:
        raise ValidationError(_("You have already claimed this reward.")) from twice
    return claim


@transaction.atomic
def reward_redeem(*, claim: RewardClaim, actor) -> RewardClaim:
    claim = RewardClaim.objects.select_for_update().get(pk=claim.pk)
    if not actor.has_perm("organizations.redeem_rewardclaim", claim):
        raise PermissionDenied
    if claim.redeemed_at:
        raise ValidationError(_("This reward has already been handed over."))
    claim.redeemed_at, claim.redeemed_by = timezone.now(), actor
    claim.save(update_fields=["redeemed_at", "redeemed_by"])
    return claim
