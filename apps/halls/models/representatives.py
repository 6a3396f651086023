"""Household representatives: whom a hall names to cast a household's ballot."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .halls import Hall


class HouseholdRepresentative(models.Model):
    """The person a hall names to cast a household's ballot; without one, the first cast counts."""

    hall = models.ForeignKey(
        Hall, verbose_name=_("hall"), on_delete=models.PROTECT, related_name="representatives"
    )
    household = models.ForeignKey(
        "places.Place", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("representative"), on_delete=models.PROTECT, related_name="+"
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("named by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("named at"), default=timezone.now)

    access_anchors = ("household",)

    class Meta:
        verbose_name = _("household representative")
        verbose_name_plural = _("household representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["hall", "household"], name="halls_one_representative_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.user}"
