"""
The households a person speaks for in a hall, read from the shared role assignments (access.scopes).

Who may read a hall and take part in it is asked of the permission table (`halls.read_hall`,
`halls.take_part`, `halls.cosign_topic`, ...); this only says which of their households signs or
rates.
"""

from django.db.models import QuerySet

from apps.access.roles import Role
from apps.access.scopes import scopes_of
from apps.places.models import Place, PlaceKind


def resident_paths(user, within: Place | None = None) -> list[str]:
    """The paths of the households where the person is a verified resident (below `within`, if given)."""
    paths = scopes_of(user).paths_by_role.get(Role.RESIDENT, ())
    return [p for p in paths if within is None or p.startswith(within.path)]


def households_of(user, within: Place) -> QuerySet[Place]:
    """The households below `within` where the person is a verified resident, in path order."""
    return Place.objects.filter(path__in=resident_paths(user, within), kind=PlaceKind.HOUSEHOLD).order_by(
        "path"
    )
