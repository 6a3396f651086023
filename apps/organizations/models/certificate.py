"""Certificates of volunteer hours: issued by an organization, numbered, checked by anyone at the
address their QR code carries, withdrawn by the organization or its community's staff."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organization import Organization


def new_verification_code() -> str:
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="certificates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    services = models.PositiveIntegerField(_("services"))
    first_day = models.DateField(_("first day of service"))
    last_day = models.DateField(_("last day of service"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    code = models.CharField(max_length=32, unique=True, default=new_verification_code, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=200, blank=True)

    access_anchors = ("organization__place",)
    access_organization = "organization"
    access_owner = "user"

    class Meta:
        verbose_name = _("certificate of volunteer hours")
        verbose_name_plural = _("certificates of volunteer hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_day__lte=models.F("last_day")), name="certificate_period"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def volunteer_masked(self) -> str:
        """The volunteer's name as the public confirming page shows it: the family name only."""
        name = self.user.display_name or "—"
        return name[:1] + "*" * max(len(name) - 1, 1)

    @property
    def number(self) -> str:
        """From the id: never reused, in the order issued."""
        return f"{timezone.localtime(self.issued_at):%Y}-{self.pk:06d}"
