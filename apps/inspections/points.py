"""Who answers for a point: a street department, its property-management unit, or its community."""

from apps.places.models import ManagedCompound, Place, PlaceKind, depth_of
from apps.places.services import department_of_street
from apps.reports.models import HandlerKind
from apps.reports.routing import Route


def point_route(*, place: Place, department_name: str = "") -> Route:
    """A department named wins (the street's department of that name, as a report's category names
    one); otherwise the unit managing the point's compound, else the community."""
    if department_name:
        return Route(HandlerKind.STREET, department=department_of_street(place=place, name=department_name))
    if place.depth >= depth_of(PlaceKind.COMPOUND):
        managed = (
            ManagedCompound.objects.filter(compound__path=place.ancestor_path(PlaceKind.COMPOUND))
            .select_related("unit")
            .first()
        )
        if managed:
            return Route(HandlerKind.PROPERTY, management_unit=managed.unit)
    return Route(HandlerKind.COMMUNITY)
