"""Role assignments: (person, role, scope) — the only source of anyone's rights."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.choices import KeptChoiceLabels
from apps.places.models import Department, ManagementUnit, Place

from .roles import DEPARTMENT, GRANTABLE_ON, MANAGEMENT_UNIT, ORGANIZATION, Role

SCOPE_FIELDS = ("place", "management_unit", "department", "organization")
# one scope each: exactly one of the scope fields is set
_ONE_SCOPE_EACH = [{f"{field}__isnull": field != chosen for field in SCOPE_FIELDS} for chosen in SCOPE_FIELDS]


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(valid_from__lte=at), Q(valid_until__isnull=True) | Q(valid_until__gt=at))


class RoleAssignment(KeptChoiceLabels, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    management_unit = models.ForeignKey(
        ManagementUnit,
        verbose_name=_("property-management unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    access_anchors = ("place", "management_unit__street", "department__place", "organization__place")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(*[Q(**scope) for scope in _ONE_SCOPE_EACH], _connector=Q.OR),
                name="access_assignment_has_one_scope",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="access_assignment_role_valid"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="access_assignment_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "place"],
                condition=Q(place__isnull=False),
                name="access_one_assignment_per_place",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="access_one_assignment_per_organization",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "management_unit"],
                condition=Q(management_unit__isnull=False),
                name="access_one_assignment_per_management_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=Q(department__isnull=False),
                name="access_one_assignment_per_department",
            ),
        ]

    def __str__(self) -> str:
        scope = self.place or self.management_unit or self.department or self.organization
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self):
        allowed = GRANTABLE_ON.get(self.role, frozenset())
        if self.management_unit_id and MANAGEMENT_UNIT not in allowed:
            raise ValidationError({"management_unit": _("This role is not granted on a management unit.")})
        if self.department_id and DEPARTMENT not in allowed:
            raise ValidationError({"department": _("This role is not granted on a department.")})
        if self.organization_id and ORGANIZATION not in allowed:
            raise ValidationError({"organization": _("This role is not granted on an organization.")})
        if self.place_id and self.place.kind not in allowed:
            raise ValidationError(
                {
                    "place": _("A %(role)s is not granted on a place of this kind.")
                    % {"role": self.get_role_display()}
                }
            )
