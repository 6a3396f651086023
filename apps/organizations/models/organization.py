"""Community social organizations (社区社会组织), the federations that group them, and who joins."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Place, PlaceKind


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
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

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
            models.CheckConstraint(
                condition=Q(status__in=["applied", "filed", "active", "suspended", "dissolved", "refused"]),
                name="organizations_organization_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_federation(self) -> bool:
        return self.kind == self.Kind.FEDERATION

    @property
    def is_operating(self) -> bool:
        """Filed or active: it may publish activities and take members."""
        return self.status in (self.Status.FILED, self.Status.ACTIVE)

    @property
    def publishes_activities(self) -> bool:
        """A federation groups organizations; its members publish the activities."""
        return self.is_operating and not self.is_federation

    def clean(self):
        errors = {}
        if self.place_id and self.place.kind not in (PlaceKind.COMMUNITY, PlaceKind.STREET):
            errors["place"] = _("An organization belongs to a community or a street.")
        if self.is_federation and self.place_id and self.place.kind != PlaceKind.STREET:
            errors["place"] = _("A federation belongs to a street.")
        if self.parent_id:
            if not self.parent.is_federation:
                errors["parent"] = _("Only a federation can group organizations.")
            elif self.place_id and not self.place.is_within(self.parent.place):
                errors["parent"] = _("The federation is of another street.")
            elif self.pk and self.parent_id == self.pk:
                errors["parent"] = _("A federation cannot group itself.")
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    """A step of an organization's registration: who moved it from which status to which, and why."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Organization.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Organization.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("organization__place",)
    access_organization = "organization"

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_to_status_display()}"


class Application(models.Model):
    """A person asking to join an organization; a leader approves (granting the role) or refuses."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Role(models.TextChoices):
        MEMBER = "organization_member", _("Member")
        VOLUNTEER = "organization_volunteer", _("Volunteer")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organization_applications",
    )
    role = models.CharField(_("as"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
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
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)

    access_anchors = ("organization__place",)
    access_organization = "organization"
    access_owner = "user"

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=Q(status="applied"),
                name="organizations_one_pending_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"
