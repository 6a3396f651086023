"""Registering organizations and federations, and moving them through their registration."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.places.models import Place

from ..lifecycle import STEPS
from ..models import Organization, StatusChange


@transaction.atomic
def organization_apply(
    *,
    applicant,
    place: Place,
    name: str,
    category: str,
    description: str = "",
    contact: str = "",
    federation: Organization | None = None,
) -> Organization:
    """A resident applies to register an organization; they lead it from the start."""
    organization = Organization(
        name=name.strip(),
        place=place,
        category=category,
        description=description,
        contact=contact,
        parent=federation,
        applicant=applicant,
        created_at=timezone.now(),
    )
    organization.full_clean()
    organization.save()
    StatusChange.objects.create(
        organization=organization, from_status="", to_status=organization.status, actor=applicant
    )
    role_grant(user=applicant, role=Role.ORGANIZATION_LEADER, organization=organization, granted_by=applicant)
    return organization


@transaction.atomic
def federation_create(
    *, actor, street: Place, name: str, parent: Organization | None = None, description: str = ""
) -> Organization:
    """A street's federation (or a sub-federation of professional bodies), active at once."""
    federation = Organization(
        name=name.strip(),
        kind=Organization.Kind.FEDERATION,
        place=street,
        parent=parent,
        description=description,
        status=Organization.Status.ACTIVE,
        applicant=actor,
    )
    if not actor.has_perm("organizations.add_organization", federation):
        raise PermissionDenied
    federation.full_clean()
    federation.save()
    StatusChange.objects.create(
        organization=federation, from_status="", to_status=federation.status, actor=actor
    )
    return federation


def organization_join_federation(
    *, organization: Organization, federation: Organization | None, actor
) -> None:
    if not actor.has_perm("organizations.file_organization", organization):
        raise PermissionDenied
    organization.parent = federation
    organization.full_clean()
    organization.save(update_fields=["parent"])


@transaction.atomic
def organization_transition(
    *, organization: Organization, step: str, actor, reason: str = ""
) -> Organization:
    """Apply one registration step (file, refuse, activate, suspend, resume, dissolve) and record it."""
    definition = STEPS.get(step)
    if definition is None:
        raise ValidationError(_("Unknown step."))
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if not actor.has_perm(definition.permission, organization):
        raise PermissionDenied
    if organization.status not in definition.sources:
        raise ValidationError(
            _("An organization that is %(status)s cannot be changed this way.")
            % {"status": organization.get_status_display()}
        )
    if definition.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    StatusChange.objects.create(
        organization=organization,
        from_status=organization.status,
        to_status=definition.target,
        reason=reason.strip(),
        actor=actor,
    )
    organization.status = definition.target
    organization.status_reason = reason.strip()
    organization.save(update_fields=["status", "status_reason"])
    return organization
