"""Community social organizations (社区社会组织) and the federations that group them."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Place


class Organization(models.Model):
    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("Social organization")
        FEDERATION = "federation", _("Federation")

    class Category(models.TextChoices):
        SERVICE = "service", _("Community service")
        SECURITY = "security", _("Public security and mediation")
        HEALTH = "health", _("Health")
        CULTURE = "culture", _("Culture, sports, science and education")
        ENVIRONMENT = "environment", _("Environment and property")
        DEVELOPMENT = "development", _("Co-building and development")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        FILED = "filed", _("Filed (备案)")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")
        REFUSED = "refused", _("Refused")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORGANIZATION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("federation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members_organizations",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("community or street"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    status_reason = models.TextField(_("reason"), blank=True)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)

    access_anchors = ("place",)
    access_organization = "pk"

    class Meta:
        verbose_name = _("social organization")
        verbose_name_plural = _("social organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="federation") | ~Q(category=""),
                name="organizations_organization_has_category",
            ),
        ]

    def __str__(self) -> str:
        return self.name
