"""Who is told about a hall's resolutions and tasks: its community's staff, its street's officials."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import Place

from .models import Hall


def holding_above(hall: Hall, role: str) -> QuerySet:
    """Active people holding `role` on the hall's place or a place above it."""
    path = hall.place.path
    ancestors = [path[:i] for i in range(Place.steplen, len(path) + 1, Place.steplen)]
    assignments = RoleAssignment.objects.active().filter(role=role, place__path__in=ancestors)
    return get_user_model().objects.filter(pk__in=assignments.values("user_id"), is_active=True)


def community_staff_of(hall: Hall) -> QuerySet:
    return holding_above(hall, Role.COMMUNITY_STAFF)


def street_officials_of(hall: Hall) -> QuerySet:
    return holding_above(hall, Role.STREET_OFFICIAL)
