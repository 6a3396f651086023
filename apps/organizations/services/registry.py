"""Registering organizations and federations, and moving them through their registration."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.places.models import Place

from ..lifecycle import LIFECYCLE, STEPS
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
    if step not in STEPS:
        raise ValidationError(_("Unknown step."))

    def change(organization: Organization, transition, now) -> list[str]:
        organization.status_reason = reason.strip()
        return ["status_reason"]

    def record(organization: Organization, transition, source: str) -> None:
        StatusChange.objects.create(
            organization=organization,
            from_status=source,
            to_status=transition.target,
            reason=reason.strip(),
            actor=actor,
        )

    return LIFECYCLE.apply(organization, step, actor=actor, note=reason, change=change, record=record)
