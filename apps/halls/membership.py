"""
Who belongs to a hall, read from the shared role assignments (access.scopes).

A person belongs to a hall when they hold a role on its place or on a place below it (a resident
of one of its households, a council member of one of its compounds, community staff) or on a
place above it (the street's officials). Staff rights inside the hall come from the permission
table; membership decides who may read, co-sign, comment and vote.
"""

from django.db.models import Q, QuerySet

from apps.access.roles import Role
from apps.access.scopes import places_around, scopes_of
from apps.places.models import Place, PlaceKind


def hall_condition(user, *, prefix: str = "") -> Q:
    """Halls the person belongs to, as a filter on `<prefix>place__path`."""
    return places_around(user, f"{prefix}place__path")


def is_member(user, hall) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    path = hall.place.path
    return any(path.startswith(p) or p.startswith(path) for p in scopes_of(user).all_paths())


def resident_paths(user, within: Place | None = None) -> list[str]:
    """The paths of the households where the person is a verified resident (below `within`, if given)."""
    paths = scopes_of(user).paths_by_role.get(Role.RESIDENT, ())
    return [p for p in paths if within is None or p.startswith(within.path)]


def households_of(user, within: Place) -> QuerySet[Place]:
    """The households below `within` where the person is a verified resident, in path order."""
    return Place.objects.filter(path__in=resident_paths(user, within), kind=PlaceKind.HOUSEHOLD).order_by(
        "path"
    )


def is_council_member(user, hall) -> bool:
    path = hall.place.path
    return any(
        path.startswith(p) or p.startswith(path)
        for p in scopes_of(user).paths_by_role.get(Role.COUNCIL_MEMBER, ())
    )
