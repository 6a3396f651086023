"""Halls (议事厅)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Place, PlaceKind

from ..procedure import FOUR_AND_TWO, PROCEDURE_CHOICES

HALL_KINDS = (PlaceKind.STREET, PlaceKind.COMMUNITY, PlaceKind.COMPOUND)


class Hall(models.Model):
    """One per community by default; a compound or a whole street may open its own."""

    place = models.OneToOneField(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="hall"
    )
    name = models.CharField(_("name"), max_length=120)
    procedure = models.CharField(
        _("procedure"), max_length=32, choices=PROCEDURE_CHOICES, default=FOUR_AND_TWO.code
    )
    cosign_threshold = models.PositiveIntegerField(
        _("co-signing households for the agenda"), default=10, validators=[MinValueValidator(1)]
    )
    notice_days = models.PositiveSmallIntegerField(
        _("days of public notice"), default=5, validators=[MinValueValidator(1)]
    )
    proxy_cap = models.PositiveSmallIntegerField(_("proxies one person may hold"), default=2)
    edit_minutes = models.PositiveSmallIntegerField(_("minutes a comment may be edited"), default=15)
    street_review = models.BooleanField(_("resolutions need the street's review"), default=False)
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    access_anchors = ("place",)

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notice_days__gte=1), name="halls_hall_notice_days_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(cosign_threshold__gte=1), name="halls_hall_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.place_id and self.place.kind not in HALL_KINDS:
            raise ValidationError({"place": _("A hall belongs to a street, a community or a compound.")})
