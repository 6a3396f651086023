"""Check-in campaigns (the 21-day waste-sorting drive): daily check-ins and reward tiers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import UnguessableName

from .activity import new_secret
from .organization import Organization


class Campaign(models.Model):
    class Rule(models.TextChoices):
        PHOTO = "photo", _("A photo")
        STATION_CODE = "station", _("The QR code at the station")
        VOLUNTEER = "volunteer", _("Confirmation by a volunteer")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="campaigns"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    window_opens = models.TimeField(_("daily window opens"))
    window_closes = models.TimeField(_("daily window closes"))
    rule = models.CharField(_("a valid check-in is"), max_length=16, choices=Rule.choices)
    code_secret = models.CharField(max_length=32, default=new_secret, editable=False)

    access_anchors = ("organization__place",)
    access_organization = "organization"

    class Meta:
        verbose_name = _("check-in campaign")
        verbose_name_plural = _("check-in campaigns")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="organizations_campaign_ordered"
            ),
            models.CheckConstraint(
                condition=Q(window_closes__gt=F("window_opens")), name="organizations_campaign_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RewardTier(models.Model):
    class Basis(models.TextChoices):
        STREAK = "streak", _("Days in a row")
        TOTAL = "total", _("Days in all")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tiers")
    basis = models.CharField(_("counted as"), max_length=8, choices=Basis.choices, default=Basis.TOTAL)
    days = models.PositiveIntegerField(_("days"))
    reward = models.CharField(_("reward"), max_length=120)

    class Meta:
        verbose_name = _("reward tier")
        verbose_name_plural = _("reward tiers")
        ordering = ["days", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "basis", "days"], name="organizations_one_tier_per_milestone"
            ),
            models.CheckConstraint(condition=Q(days__gte=1), name="organizations_tier_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.days} · {self.reward}"


class CheckIn(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="check_ins")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    photo = models.ImageField(_("photo"), upload_to=UnguessableName("campaigns"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    access_anchors = ("organization__place",)
    access_organization = "organization"
    access_owner = "user"
    access_files = {"photo": ("organizations.view_checkin", "")}

    class Meta:
        verbose_name = _("campaign check-in")
        verbose_name_plural = _("campaign check-ins")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "day"], name="organizations_one_check_in_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.day}"


class RewardClaim(models.Model):
    tier = models.ForeignKey(
        RewardTier, verbose_name=_("reward"), on_delete=models.CASCADE, related_name="claims"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redeemed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    access_anchors = ("organization__place",)
    access_organization = "organization"
    access_owner = "user"

    class Meta:
        verbose_name = _("reward claim")
        verbose_name_plural = _("reward claims")
        ordering = ["-claimed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tier", "user"], name="organizations_one_claim_per_tier"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.tier}"
