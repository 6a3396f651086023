"""
The demo street as plain data, before anything touches the database.

Everything is drawn from one random.Random(SEED) in a fixed order, so a plan depends only on its
size: every run, on every machine, plans the same places, numbers and names.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

SEED = 20261122
DISTRICT_CODE = "110112"
STREET_CODE = "110112001"
PASSWORD = "gongzhi-demo"
FIRST_PHONE = 13800000001
USERNAME_PREFIX = "demo-"
CLAIMANT = "claimant"  # a persona kind with no role yet: a residency awaiting verification


@dataclass(frozen=True)
class Size:
    compounds: int  # per community, at most as many as it has names
    buildings: tuple[int, int]  # per compound, drawn between the two
    units: tuple[int, int]
    floors: tuple[int, int]
    households_per_floor: int
    residents: int  # besides council members, building heads and organizations' people, residents too
    claims: int  # residencies awaiting verification
    council_members: int  # per community
    property_staff: int  # per management unit
    inspectors: int = 4  # the street's inspection team (文明数治), besides its grid workers


FULL = Size(
    compounds=7,
    buildings=(8, 11),
    units=(2, 3),
    floors=(5, 6),
    households_per_floor=2,
    residents=150,
    claims=6,
    council_members=5,
    property_staff=2,
)
SMALL = Size(
    compounds=2,
    buildings=(2, 2),
    units=(1, 2),
    floors=(2, 3),
    households_per_floor=2,
    residents=24,
    claims=3,
    council_members=2,
    property_staff=1,
    inspectors=2,
)


@dataclass
class PlannedPlace:
    kind: str
    name: str
    code: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    floor_area: Decimal | None = None
    phone: str = ""
    children: list["PlannedPlace"] = field(default_factory=list)

    def walk(self) -> Iterator["PlannedPlace"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class PlannedCompany:
    name: str
    credit_code: str
    phone: str


@dataclass(frozen=True)
class PlannedUnit:
    name: str
    company: int
    compounds: tuple[str, ...]


@dataclass(frozen=True)
class Grant:
    role: str
    place: str | None = None  # a place code
    unit: int | None = None  # an index into StreetPlan.units
    department: str | None = None  # the name of one of the street's departments


@dataclass(frozen=True)
class Claim:
    household: str
    relation: str
    proof: str
    verified: bool


@dataclass
class PlannedPerson:
    kind: str
    name: str
    phone: str
    grants: list[Grant] = field(default_factory=list)
    claim: Claim | None = None


def username_for(phone: str) -> str:
    return USERNAME_PREFIX + phone.removeprefix("+86")


@dataclass
class StreetPlan:
    district: PlannedPlace  # with the street as its only child
    companies: list[PlannedCompany]
    units: list[PlannedUnit]
    people: list[PlannedPerson]

    @property
    def street(self) -> PlannedPlace:
        return self.district.children[0]
