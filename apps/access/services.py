"""Granting and ending roles."""

from django.db import transaction
from django.utils import timezone

from apps.places.models import Department, ManagementUnit, Place

from .models import RoleAssignment
from .roles import Role
from .scopes import forget_scopes


@transaction.atomic
def role_grant(
    *,
    user,
    role: Role,
    place: Place | None = None,
    management_unit: ManagementUnit | None = None,
    department: Department | None = None,
    organization=None,
    granted_by=None,
    valid_until=None,
) -> RoleAssignment:
    """Grant a role on a scope; granting an active one again returns it unchanged."""
    scope = {
        "place": place,
        "management_unit": management_unit,
        "department": department,
        "organization": organization,
    }
    assignment = RoleAssignment.objects.filter(user=user, role=role, **scope).first()
    if assignment is None:
        assignment = RoleAssignment(
            user=user, role=role, granted_by=granted_by, valid_until=valid_until, **scope
        )
        assignment.full_clean()
        assignment.save()
    elif assignment.valid_until and assignment.valid_until <= timezone.now():
        assignment.valid_from, assignment.valid_until = timezone.now(), valid_until
        assignment.granted_by = granted_by
        assignment.full_clean()
        assignment.save(update_fields=["valid_from", "valid_until", "granted_by"])
    forget_scopes(user)
    return assignment


def role_end(*, assignment: RoleAssignment) -> None:
    """End a role now, keeping the record of who held it and when."""
    assignment.valid_until = timezone.now()
    assignment.save(update_fields=["valid_until"])
    forget_scopes(assignment.user)
