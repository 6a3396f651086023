"""Activities of an organization, the people who sign up, attend and give their hours."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organization import Organization


def new_secret() -> str:
    return secrets.token_hex(16)


class Activity(models.Model):
    class Kind(models.TextChoices):
        CLASS = "class", _("Community school class")
        SERVICE = "service", _("Volunteer service")
        EVENT = "event", _("Event")

    class Audience(models.TextChoices):
        RESIDENTS = "residents", _("All residents")
        MEMBERS = "members", _("Members only")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EVENT)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    waitlist = models.BooleanField(
        _("waitlist"), default=True, help_text=_("When full, later sign-ups wait for a place.")
    )
    audience = models.CharField(
        _("open to"), max_length=16, choices=Audience.choices, default=Audience.RESIDENTS
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    people_served = models.PositiveIntegerField(_("people served"), default=0)
    hours_confirmed_at = models.DateTimeField(_("hours confirmed at"), null=True, blank=True)
    code_secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("published at"), default=timezone.now)

    access_anchors = ("organization__place",)
    access_organization = "organization"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="organizations_activity_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="organizations_activity_ordered"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="organizations_activity_has_capacity"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def credits_hours(self) -> bool:
        return self.kind == self.Kind.SERVICE


class Signup(models.Model):
    """One person's place at an activity: confirmed, waiting, or cancelled; then attendance and hours."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signups"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    queued_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    hours = models.DecimalField(_("volunteer hours"), max_digits=5, decimal_places=2, null=True, blank=True)

    access_anchors = ("organization__place",)
    access_organization = "organization"
    access_owner = "user"

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="organizations_one_signup_per_person"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0), name="organizations_signup_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True) | Q(checked_in_at__isnull=False),
                name="organizations_signup_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.activity}"


class HoursCorrection(models.Model):
    """The audit of a change to someone's credited hours: before, after, why, by whom."""

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="corrections")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", editable=False)
    previous = models.DecimalField(_("previous hours"), max_digits=5, decimal_places=2, null=True)
    hours = models.DecimalField(_("corrected hours"), max_digits=5, decimal_places=2)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("organization__place",)
    access_organization = "organization"

    class Meta:
        verbose_name = _("hours correction")
        verbose_name_plural = _("hours corrections")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signup}: {self.previous} → {self.hours}"
