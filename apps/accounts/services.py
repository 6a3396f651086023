"""Writes about people: claiming, verifying, refusing and ending a residency."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.access.services import role_end, role_grant
from apps.audit.services import staff_action_record
from apps.places.models import Place, PlaceKind

from .models import Residency, User

OPEN_STATUSES = (Residency.Status.CLAIMED, Residency.Status.VERIFIED)


def residency_claim(
    *, user: User, household: Place, relation: str, proof: str, community: Place | None = None
) -> Residency:
    if household.kind != PlaceKind.HOUSEHOLD:
        raise ValidationError({"household": _("Choose a household, not a building or unit.")})
    if community is not None and not household.is_within(community):
        raise ValidationError({"household": _("This household is not in the community you chose.")})
    already = _("You have already claimed this household; wait for the community to answer.")
    if Residency.objects.filter(user=user, household=household, status__in=OPEN_STATUSES).exists():
        raise ValidationError({"household": already})
    residency = Residency(user=user, household=household, relation=relation, proof=proof.strip())
    residency.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            residency.save()
    except IntegrityError as duplicate:  # a second tab won the race
        raise ValidationError({"household": already}) from duplicate
    return residency


@transaction.atomic
def residency_verify(*, residency: Residency, by: User) -> Residency:
    _require_pending(residency, by)
    _decide(residency, by=by, status=Residency.Status.VERIFIED, reason="")
    role_grant(user=residency.user, role=Role.RESIDENT, place=residency.household, granted_by=by)
    return residency


@transaction.atomic
def residency_refuse(*, residency: Residency, by: User, reason: str) -> Residency:
    _require_pending(residency, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the claim is refused; the resident will see it.")})
    _decide(residency, by=by, status=Residency.Status.REFUSED, reason=reason.strip())
    return residency


@transaction.atomic
def residency_end(*, residency: Residency, by: User, reason: str = "") -> Residency:
    """The resident moved out: the residency and the resident role on that household end."""
    if by != residency.user and not by.has_perm("accounts.verify_residency", residency):
        raise PermissionDenied
    _decide(residency, by=by, status=Residency.Status.ENDED, reason=reason)
    for assignment in RoleAssignment.objects.active().filter(
        user=residency.user, role=Role.RESIDENT, place=residency.household
    ):
        role_end(assignment=assignment)
    return residency


def _require_pending(residency: Residency, by: User) -> None:
    if not by.has_perm("accounts.verify_residency", residency):
        raise PermissionDenied
    if residency.status != Residency.Status.CLAIMED:
        raise ValidationError(_("This claim has already been decided."))


def _decide(residency: Residency, *, by: User, status: str, reason: str) -> None:
    residency.status, residency.reason = status, reason
    residency.decided_by, residency.decided_at = by, timezone.now()
    residency.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    if by != residency.user:
        staff_action_record(
            actor=by, action=f"residency.{status}", obj=residency, place=residency.household, detail=reason
        )
