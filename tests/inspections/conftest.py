import pytest

from apps.access.roles import Role
from apps.inspections.catalog import catalog_load
from apps.inspections.models import InspectionPoint, PointCategory
from apps.inspections.points import point_route
from tests.factories import person_with_role


def point_at(place, category, code: str, *, latitude="39.900000", longitude="116.600000", **fields):
    route = point_route(place=place, department_name=fields.pop("department_name", ""))
    return InspectionPoint.objects.create(
        code=code,
        name=fields.pop("name", f"点位{code}"),
        category=category,
        place=place,
        latitude=latitude,
        longitude=longitude,
        handler_kind=route.handler_kind,
        management_unit=route.management_unit,
        department=route.department,
        **fields,
    )


class Civility:
    """The `world` with the catalogue, an inspector per street and a few points in each street."""

    def __init__(self, world):
        catalog_load()
        self.world = world
        self.bins = PointCategory.objects.get(code="bin_station")
        self.gates = PointCategory.objects.get(code="compound_gate")
        self.inspector_a = person_with_role(Role.INSPECTOR, place=world.street_a, display_name="甲巡查员")
        self.inspector_b = person_with_role(Role.INSPECTOR, place=world.street_b, display_name="乙巡查员")
        compound_a1 = world.compound(world.community_a1)
        self.bin_a1 = point_at(compound_a1, self.bins, "A1-BIN")  # the unit's compound: the unit answers
        self.bin_a2 = point_at(world.community_a2, self.bins, "A2-BIN")  # no unit: the community answers
        self.gate_a1 = point_at(compound_a1, self.gates, "A1-GATE")
        self.bin_b1 = point_at(world.compound(world.community_b1), self.bins, "B1-BIN")


@pytest.fixture
def civility(world) -> Civility:
    return Civility(world)
