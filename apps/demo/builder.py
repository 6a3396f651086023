"""
Writes the demo street in a few bulk inserts; treebeard's add_child would cost queries per node.

Paths, depths and child counts are computed here as treebeard's MP_Node computes them (steplen 4,
alphabet 0-9A-Z, siblings numbered from 1), so the tree needs no fixing afterwards.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency, User
from apps.core.planner import analyze
from apps.places.models import ManagedCompound, ManagementUnit, Place, PlaceKind, PropertyCompany
from apps.places.services import street_departments_ensure
from apps.reports.boards import boards_post_for_doors
from apps.reports.categories import categories_load

from .community_life import demo_community_life
from .halls import demo_halls, topics_for
from .hotline import demo_city_orders
from .inspections import demo_inspections
from .joined_units import demo_joined_units
from .people import plan_people
from .plan import (
    DISTRICT_CODE,
    FULL,
    PASSWORD,
    SEED,
    STREET_CODE,
    Claim,
    PlannedPerson,
    PlannedPlace,
    Size,
    StreetPlan,
    username_for,
)
from .reports import demo_reports, history_for
from .street import plan_companies, plan_district, plan_units

BATCH = 1_000
ALPHABET, STEPLEN = Place.alphabet, Place.steplen


class DemoConflict(Exception):
    """The database holds something the demo street would collide with."""


@dataclass(frozen=True)
class Seeded:
    street: Place
    created: bool


def plan_street(size: Size = FULL) -> StreetPlan:
    rng = random.Random(SEED)
    district = plan_district(rng, size)
    street = district.children[0]
    companies = plan_companies(rng)
    units = plan_units(street)
    return StreetPlan(district, companies, units, plan_people(rng, size, street, units))


@transaction.atomic
def seed_demo(*, size: Size = FULL) -> Seeded:
    """Build the demo street, or change nothing when a street with its code is already there."""
    street = Place.objects.filter(code=STREET_CODE).first()
    if street is not None:
        return Seeded(street, created=False)
    plan = plan_street(size)
    _refuse_taken_phones(plan.people)
    district, street = _write_places(plan)
    street_departments_ensure(street=street)  # as place_add makes them with a street
    ids = dict(Place.objects.filter(path__startswith=street.path).values_list("code", "pk"))
    ids[DISTRICT_CODE] = district.pk
    units = _write_management(plan, street, ids)
    _write_people(plan.people, ids, units, street)
    categories_load()
    boards_post_for_doors(place=street)
    demo_reports(street=street, **history_for(size))
    demo_city_orders(street=street)
    demo_joined_units(street=street, now=timezone.now())
    demo_halls(street=street, **topics_for(size))
    demo_community_life(street=street, people=plan.people)
    demo_inspections(street=street)
    analyze()  # every table above was bulk-written
    return Seeded(street, created=True)


def _refuse_taken_phones(people: list[PlannedPerson]) -> None:
    phones = [p.phone for p in people]
    taken = User.objects.filter(Q(phone__in=phones) | Q(username__in=[username_for(p) for p in phones]))
    if taken.exists():
        numbers = ", ".join(str(phone) for phone in taken.values_list("phone", flat=True)[:5])
        raise DemoConflict(f"Demo mobile numbers or user names are already taken ({numbers} …).")


def _write_places(plan: StreetPlan) -> tuple[Place, Place]:
    """The street below 通州区, found by its code or name, or else under a new root."""
    district = (
        Place.objects.filter(code=DISTRICT_CODE).first()
        or Place.objects.filter(kind=PlaceKind.DISTRICT, name=plan.district.name).first()
    )
    if district is None:
        Place.objects.bulk_create(_flatten(plan.district, _free_path(None)), batch_size=BATCH)
        district = Place.objects.get(code=DISTRICT_CODE)
    else:
        Place.objects.bulk_create(_flatten(plan.street, _free_path(district)), batch_size=BATCH)
        children = _children(district).count()
        Place.objects.filter(pk=district.pk).update(numchild=children)
    return district, Place.objects.get(code=STREET_CODE)


def _flatten(planned: PlannedPlace, path: str) -> Iterator[Place]:
    yield Place(
        path=path,
        depth=len(path) // STEPLEN,
        numchild=len(planned.children),
        kind=planned.kind,
        name=planned.name,
        code=planned.code,
        latitude=planned.latitude,
        longitude=planned.longitude,
        floor_area=planned.floor_area,
        phone=planned.phone,
    )
    for number, child in enumerate(planned.children, 1):
        yield from _flatten(child, path + _step(number))


def _children(parent: Place | None):
    if parent is None:
        return Place.objects.filter(depth=1)
    return Place.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)


def _free_path(parent: Place | None) -> str:
    """The path treebeard would give a new last child of `parent` (a new root when None)."""
    last = _children(parent).order_by("-path").values_list("path", flat=True).first()
    number = _number(last[-STEPLEN:]) + 1 if last else 1
    return (parent.path if parent else "") + _step(number)


def _step(number: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, ALPHABET[0])


def _number(step: str) -> int:
    number = 0
    for digit in step:
        number = number * len(ALPHABET) + ALPHABET.index(digit)
    return number


def _write_management(plan: StreetPlan, street: Place, ids: dict[str, int]) -> list[ManagementUnit]:
    companies = [
        PropertyCompany.objects.create(street=street, name=c.name, credit_code=c.credit_code, phone=c.phone)
        for c in plan.companies
    ]
    units = [
        ManagementUnit.objects.create(name=u.name, company=companies[u.company], street=street)
        for u in plan.units
    ]
    ManagedCompound.objects.bulk_create(
        ManagedCompound(unit=unit, compound_id=ids[code])
        for unit, planned in zip(units, plan.units, strict=True)
        for code in planned.compounds
    )
    return units


def _write_people(
    people: list[PlannedPerson], ids: dict[str, int], units: list[ManagementUnit], street: Place
) -> None:
    users = _write_users(people)
    names = sorted({grant.department for p in people for grant in p.grants if grant.department})
    departments = {d.name: d for d in street_departments_ensure(street=street, names=names)}
    verifiers: dict[str, int] = {}  # a community's code → the staff member who verified its residents
    for p in people:
        if p.kind == Role.COMMUNITY_STAFF:
            verifiers.setdefault(p.grants[0].place, users[p.phone])
    now = timezone.now()
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user_id=users[p.phone],
                role=grant.role,
                place_id=ids[grant.place] if grant.place else None,
                management_unit=units[grant.unit] if grant.unit is not None else None,
                department=departments[grant.department] if grant.department else None,
                valid_from=now,
                granted_by_id=verifiers[_community(grant.place)] if grant.role == Role.RESIDENT else None,
            )
            for p in people
            for grant in p.grants
        ],
        batch_size=BATCH,
    )
    Residency.objects.bulk_create(
        [_residency(p.claim, users[p.phone], ids, verifiers, now) for p in people if p.claim],
        batch_size=BATCH,
    )


def _write_users(people: list[PlannedPerson]) -> dict[str, int]:
    """Create everyone; return their ids by mobile number."""
    password = make_password(PASSWORD)  # one hash shared by all: hashing per person takes minutes
    User.objects.bulk_create(
        [
            User(
                username=username_for(p.phone),
                phone=p.phone,
                phone_verified=True,
                display_name=p.name,
                password=password,
            )
            for p in people
        ],
        batch_size=BATCH,
    )
    created = User.objects.filter(username__in=[username_for(p.phone) for p in people])
    return {str(phone): pk for phone, pk in created.values_list("phone", "pk")}


def _residency(claim: Claim, user_id: int, ids: dict[str, int], verifiers: dict[str, int], now) -> Residency:
    decided = {"decided_by_id": verifiers[_community(claim.household)], "decided_at": now}
    return Residency(
        user_id=user_id,
        household_id=ids[claim.household],
        relation=claim.relation,
        proof=claim.proof,
        status=Residency.Status.VERIFIED if claim.verified else Residency.Status.CLAIMED,
        **(decided if claim.verified else {}),
    )


def _community(code: str) -> str:
    """The code of the community a place code lies in: the street's code and three digits."""
    return code[: len(STREET_CODE) + 3]
