"""People and their claims to live in a household."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from apps.core.choices import KeptChoiceLabels
from apps.places.models import Place


class User(AbstractUser):
    """A person. Signs in by mainland mobile number or e-mail; the username is internal."""

    phone = PhoneNumberField(_("mobile number"), region="CN", unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    display_name = models.CharField(_("name"), max_length=60, blank=True)

    access_anchors = ("residencies__household", "role_assignments__place")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name or str(self.phone or self.email or self.username)

    def get_short_name(self) -> str:
        return str(self)


class Residency(KeptChoiceLabels, models.Model):
    """A resident's claim to live in a household, verified or refused by community staff."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")
        ENDED = "ended", _("Ended")

    class Relation(models.TextChoices):
        OWNER = "owner", _("Owner")
        FAMILY = "family", _("Family member of the owner")
        TENANT = "tenant", _("Tenant")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="residencies",
    )
    household = models.ForeignKey(
        Place,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="residencies",
        limit_choices_to={"kind": "household"},
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    proof = models.TextField(
        _("proof"),
        help_text=_("E.g. the number of the property certificate or lease, and who can confirm."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CLAIMED)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("claimed at"), auto_now_add=True)

    access_anchors = ("household",)
    access_owner = "user"

    class Meta:
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "household"],
                condition=Q(status__in=["claimed", "verified"]),
                name="accounts_one_open_residency_per_household",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["claimed", "verified", "refused", "ended"]),
                name="accounts_residency_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(reason=""),
                name="accounts_residency_refusal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "household"], name="accounts_residency_status")]

    def __str__(self) -> str:
        return f"{self.user} · {self.household}"
