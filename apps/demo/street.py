"""The places of the demo street, its property companies and their management units."""

import random
from decimal import Decimal

from apps.places.models import PlaceKind

from .names import COMMUNITIES, DISTRICT, PROPERTY_COMPANIES, STREET
from .plan import DISTRICT_CODE, STREET_CODE, PlannedCompany, PlannedPlace, PlannedUnit, Size

STREET_CENTRE = (39_900_000, 116_660_000)  # micro-degrees, near 39.90N 116.66E


def plan_district(rng: random.Random, size: Size) -> PlannedPlace:
    district = PlannedPlace(PlaceKind.DISTRICT, DISTRICT, DISTRICT_CODE)
    street = PlannedPlace(PlaceKind.STREET, STREET, STREET_CODE, *_coordinates(STREET_CENTRE))
    street.phone = "010-69552030"
    for number, (name, compound_names) in enumerate(COMMUNITIES, 1):
        row, column = divmod(number - 1, 3)
        centre = (STREET_CENTRE[0] + (row * 2 - 1) * 4_000, STREET_CENTRE[1] + (column - 1) * 10_000)
        code = f"{STREET_CODE}{number:03d}"
        community = PlannedPlace(PlaceKind.COMMUNITY, name, code, *_coordinates(centre), phone=_landline(rng))
        for index, compound_name in enumerate(compound_names[: size.compounds], 1):
            spot = _near(rng, centre, 3_500)
            community.children.append(_plan_compound(rng, size, f"{code}-{index:02d}", compound_name, spot))
        street.children.append(community)
    district.children.append(street)
    return district


def _plan_compound(rng: random.Random, size: Size, code: str, name: str, spot) -> PlannedPlace:
    compound = PlannedPlace(PlaceKind.COMPOUND, name, code, *_coordinates(spot))
    for number in range(1, rng.randint(*size.buildings) + 1):
        building_code = f"{code}-{number:02d}"
        building = PlannedPlace(
            PlaceKind.BUILDING, f"{number}号楼", building_code, *_coordinates(_near(rng, spot, 700))
        )
        floors = rng.randint(*size.floors)
        # flats above one another share their layout, hence their floor area
        areas = [Decimal(rng.randint(5_000, 14_000)).scaleb(-2) for _ in range(size.households_per_floor)]
        for unit_number in range(1, rng.randint(*size.units) + 1):
            unit = PlannedPlace(PlaceKind.UNIT, f"{unit_number}单元", f"{building_code}-{unit_number}")
            unit.children = [
                PlannedPlace(
                    PlaceKind.HOUSEHOLD,
                    f"{floor}{door:02d}室",
                    f"{unit.code}-{floor}{door:02d}",
                    floor_area=areas[door - 1],
                )
                for floor in range(1, floors + 1)
                for door in range(1, size.households_per_floor + 1)
            ]
            building.children.append(unit)
        compound.children.append(building)
    return compound


def plan_companies(rng: random.Random) -> list[PlannedCompany]:
    return [
        PlannedCompany(name, f"91110112MA0{rng.randrange(16**7):07X}", _landline(rng))
        for name in PROPERTY_COMPANIES
    ]


def plan_units(street: PlannedPlace) -> list[PlannedUnit]:
    """One unit per pair of neighbouring communities, one company each; every tenth compound has none."""
    numbered = {c.code: n for n, c in enumerate(c for m in street.children for c in m.children)}
    units = []
    for company, first in enumerate(range(0, len(street.children), 2)):
        pair = street.children[first : first + 2]
        served = tuple(
            compound.code
            for community in pair
            for compound in community.children
            if numbered[compound.code] % 10 != 9
        )
        name = "—".join(community.name.removesuffix("社区") for community in pair)
        units.append(PlannedUnit(f"{name}物业管理单元", company, served))
    return units


def _coordinates(micro_degrees: tuple[int, int]) -> tuple[Decimal, Decimal]:
    latitude, longitude = micro_degrees
    return Decimal(latitude).scaleb(-6), Decimal(longitude).scaleb(-6)


def _near(rng: random.Random, centre: tuple[int, int], spread: int) -> tuple[int, int]:
    return centre[0] + rng.randint(-spread, spread), centre[1] + rng.randint(-spread, spread)


def _landline(rng: random.Random) -> str:
    return f"010-{rng.choice(['6954', '8952', '8158'])}{rng.randrange(10_000):04d}"
