"""Household representatives: the hall names who casts a household's ballot (frozen at each opening)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import Place, PlaceKind

from ..models import Hall, HouseholdRepresentative
from ..services import audit


def representative_problem(*, hall: Hall, household: Place, user) -> str | None:
    """Why this person cannot represent this household in this hall, or None."""
    if household.kind != PlaceKind.HOUSEHOLD or not household.path.startswith(hall.place.path):
        return _("Choose a household of this hall.")
    resident = RoleAssignment.objects.active().filter(role=Role.RESIDENT, place=household, user=user)
    if not resident.exists():
        return _("The representative must be a verified resident of the household.")
    return None


@transaction.atomic
def representative_name(*, hall: Hall, household: Place, user, by) -> HouseholdRepresentative:
    """Name (or replace) the representative of a household of the hall: one of its verified residents."""
    if not by.has_perm("halls.add_householdrepresentative", household):
        raise PermissionDenied
    if problem := representative_problem(hall=hall, household=household, user=user):
        raise ValidationError(problem)
    representative, _created = HouseholdRepresentative.objects.update_or_create(
        hall=hall, household=household, defaults={"user": user, "named_by": by, "at": timezone.now()}
    )
    audit(hall=hall, actor=by, action="name_representative", subject=household, note=f"person #{user.pk}")
    return representative


@transaction.atomic
def representative_remove(*, representative: HouseholdRepresentative, by) -> None:
    """Without a representative, the household's first ballot counts again."""
    if not by.has_perm("halls.delete_householdrepresentative", representative):
        raise PermissionDenied
    audit(
        hall=representative.hall,
        actor=by,
        action="remove_representative",
        subject=representative.household,
        note=f"person #{representative.user_id}",
    )
    representative.delete()
