"""The people of the demo street: officials, staff, council members, building heads and residents."""

import random

from apps.access.roles import Role
from apps.accounts.models import Residency
from apps.places.models import PlaceKind
from apps.reports.catalog import STREET_DEPARTMENTS

from .names import NameDrawer
from .organization_catalogue import MEMBERS_PER_ORGANIZATION, ORGANIZATIONS, VOLUNTEERS_PER_ORGANIZATION
from .plan import (
    CLAIMANT,
    DISTRICT_CODE,
    FIRST_PHONE,
    Claim,
    Grant,
    PlannedPerson,
    PlannedPlace,
    PlannedUnit,
    Size,
)

OWNER, FAMILY, TENANT = Residency.Relation.OWNER, Residency.Relation.FAMILY, Residency.Relation.TENANT


class Cast:
    """Hands out names and consecutive mobile numbers, in the order people are planned."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.name = NameDrawer(rng)
        self.people: list[PlannedPerson] = []

    def add(self, kind: str, *grants: Grant, claim: Claim | None = None) -> PlannedPerson:
        phone = f"+86{FIRST_PHONE + len(self.people)}"
        person = PlannedPerson(kind, self.name(), phone, list(grants), claim)
        self.people.append(person)
        return person

    def resident(self, kind: str, household: PlannedPlace, *grants: Grant, relation=OWNER, verified=True):
        claim = Claim(household.code, relation, self.proof(relation), verified)
        if verified:
            grants = (*grants, Grant(Role.RESIDENT, household.code))
        return self.add(kind, *grants, claim=claim)

    def proof(self, relation: str) -> str:
        number = self.rng.randrange(10_000_000)
        if relation == TENANT:
            return f"房屋租赁合同（备案号 通租{number:07d}），房东可电话确认"
        if relation == FAMILY:
            return f"户口簿与业主同户，户号 {number:07d}"
        return f"不动产权证书 京（{self.rng.randint(2005, 2024)}）通州区不动产权第{number:07d}号"


def plan_people(
    rng: random.Random, size: Size, street: PlannedPlace, units: list[PlannedUnit]
) -> list[PlannedPerson]:
    cast = Cast(rng)
    cast.add(Role.DISTRICT_OFFICIAL, Grant(Role.DISTRICT_OFFICIAL, DISTRICT_CODE))
    for _ in range(2):
        cast.add(Role.STREET_OFFICIAL, Grant(Role.STREET_OFFICIAL, street.code))
    for community in street.children:
        for _ in range(2):
            cast.add(Role.COMMUNITY_STAFF, Grant(Role.COMMUNITY_STAFF, community.code))
    for index in range(len(units)):
        for _ in range(size.property_staff):
            cast.add(Role.PROPERTY_STAFF, Grant(Role.PROPERTY_STAFF, unit=index))
    for community in street.children:
        half = (len(community.children) + 1) // 2
        for grid in (community.children[:half], community.children[half:]):
            cast.add(Role.GRID_WORKER, *(Grant(Role.GRID_WORKER, compound.code) for compound in grid))
    _plan_residents(cast, size, street)
    _plan_organization_people(cast, street)
    for department in STREET_DEPARTMENTS:  # numbered last, so everyone else keeps their number
        cast.add(Role.DEPARTMENT_STAFF, Grant(Role.DEPARTMENT_STAFF, department=department))
    for _ in range(size.inspectors):  # after the departments' staff
        cast.add(Role.INSPECTOR, Grant(Role.INSPECTOR, street.code))
    return cast.people


def _plan_residents(cast: Cast, size: Size, street: PlannedPlace) -> None:
    rng = cast.rng
    for community in street.children:
        homes = _below(community, PlaceKind.HOUSEHOLD)
        for home in rng.sample(homes, size.council_members):
            cast.resident(Role.COUNCIL_MEMBER, home, Grant(Role.COUNCIL_MEMBER, community.code))
    for community in street.children:
        for compound in community.children:
            building = rng.choice(compound.children)
            home = rng.choice(_below(building, PlaceKind.HOUSEHOLD))
            cast.resident(Role.BUILDING_HEAD, home, Grant(Role.BUILDING_HEAD, building.code))
    homes = _below(street, PlaceKind.HOUSEHOLD)
    taken = {p.claim.household for p in cast.people if p.claim}
    free = iter(rng.sample([h for h in homes if h.code not in taken], size.residents + size.claims))
    lived_in: list[PlannedPlace] = []
    for _ in range(size.residents):
        if lived_in and rng.random() < 0.15:
            cast.resident(Role.RESIDENT, rng.choice(lived_in), relation=FAMILY)
            continue
        lived_in.append(next(free))
        cast.resident(Role.RESIDENT, lived_in[-1], relation=TENANT if rng.random() < 0.15 else OWNER)
    for _ in range(size.claims):
        cast.resident(CLAIMANT, next(free), verified=False)


def _plan_organization_people(cast: Cast, street: PlannedPlace) -> None:
    """Each organization's leader, volunteers and members (none before it is filed), residents of its
    community (ORGANIZATIONS[i] is of community i % 6), numbered after everyone else."""
    taken = {p.claim.household for p in cast.people if p.claim}
    kinds = [Role.ORGANIZATION_LEADER]
    kinds += [Role.ORGANIZATION_VOLUNTEER] * VOLUNTEERS_PER_ORGANIZATION
    kinds += [Role.ORGANIZATION_MEMBER] * MEMBERS_PER_ORGANIZATION
    for kind in kinds:
        for index, organization in enumerate(ORGANIZATIONS):
            if kind != Role.ORGANIZATION_LEADER and organization.status == "applied":
                continue  # not taking members before it is filed
            community = street.children[index % len(street.children)]
            home = cast.rng.choice(_below(community, PlaceKind.HOUSEHOLD))
            cast.resident(kind, home, relation=FAMILY if home.code in taken else OWNER)
            taken.add(home.code)


def _below(place: PlannedPlace, kind: str) -> list[PlannedPlace]:
    return [p for p in place.walk() if p.kind == kind]
