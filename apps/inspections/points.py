"""Who answers for a point: its property-management unit, its community, or a street department."""

from dataclasses import dataclass

from apps.places.models import ManagedCompound, ManagementUnit, Place, PlaceKind, depth_of
from apps.reports.models import HandlerKind


@dataclass(frozen=True)
class Route:
    """A point's responsible unit: a street department is named on the point, not a handler record."""

    handler_kind: str
    management_unit: ManagementUnit | None = None
    street_department: str = ""


def point_route(*, place: Place, street_department: str = "") -> Route:
    """A department named wins; otherwise the unit managing the point's compound, else the community."""
    if street_department:
        return Route(HandlerKind.STREET, street_department=street_department)
    if place.depth >= depth_of(PlaceKind.COMPOUND):
        managed = (
            ManagedCompound.objects.filter(compound__path=place.ancestor_path(PlaceKind.COMPOUND))
            .select_related("unit")
            .first()
        )
        if managed:
            return Route(HandlerKind.PROPERTY, management_unit=managed.unit)
    return Route(HandlerKind.COMMUNITY)
