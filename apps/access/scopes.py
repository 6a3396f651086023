"""The places and organizations a person's active role assignments cover, read once per request.

Every signed-in request reads them, in one statement: the ORM writes it once per database and each
request runs it with the person and the time (`_roles_statement`); building it took longer than
PostgreSQL took to run it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from django.apps import apps
from django.db import connections, router
from django.db.models import CharField, IntegerField, Value
from django.utils import timezone

from apps.core.kept_statements import KeptStatement, keep
from apps.places.models import ManagedCompound

from .models import RoleAssignment
from .roles import APPLICANT

_CACHE_ATTRIBUTE = "_access_scopes"


@dataclass(frozen=True)
class Scopes:
    """Path prefixes per role (a management-unit scope expanded to its compounds), organization
    ids per role (a federation's scope expanded to the organizations it groups) and department ids
    per role."""

    paths_by_role: dict[str, tuple[str, ...]]
    organizations_by_role: dict[str, frozenset[int]] = field(default_factory=dict)
    departments_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def roles(self) -> frozenset[str]:
        return (
            frozenset(self.paths_by_role)
            | frozenset(self.organizations_by_role)
            | frozenset(self.departments_by_role)
        )

    def paths_for(self, roles) -> tuple[str, ...]:
        found = {path for role in roles for path in self.paths_by_role.get(role, ())}
        return tuple(sorted(_outermost(found)))

    def all_paths_for(self, roles) -> tuple[str, ...]:
        """Every place on which the person holds one of `roles`, inner ones included."""
        return tuple(sorted({path for role in roles for path in self.paths_by_role.get(role, ())}))

    def organizations_for(self, roles) -> frozenset[int]:
        return frozenset(pk for role in roles for pk in self.organizations_by_role.get(role, ()))

    def departments_for(self, roles) -> frozenset[int]:
        return frozenset(pk for role in roles for pk in self.departments_by_role.get(role, ()))


def _outermost(paths: set[str]) -> set[str]:
    """Drop paths already covered by a shorter one: fewer prefixes, same coverage."""
    return {p for p in paths if not any(p != q and p.startswith(q) for q in paths)}


def scopes_of(user) -> Scopes:
    if not getattr(user, "is_authenticated", False):
        return Scopes({})
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _load(user)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_scopes(user) -> None:
    """Call after changing someone's assignments within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _claims(user):
    """The households the person has claimed and awaits verification for, as `APPLICANT` rows."""
    residency = apps.get_model("accounts", "Residency")  # by name: access sits below accounts
    nothing = Value(None, output_field=IntegerField())
    return (
        residency.objects.filter(user=user, status="claimed")
        .order_by()
        .annotate(
            role=Value(APPLICANT, output_field=CharField()),
            unit=nothing,
            department=nothing,
            organization=nothing,
        )
        .values_list("role", "household__path", "unit", "department", "organization")
    )


def _held(user, at):
    """Each active role assignment of the person and each household they claimed: (role, place's path,
    management unit, department, organization)."""
    rows = RoleAssignment.objects.active(at).filter(user=user)
    held = rows.order_by().values_list(
        "role", "place__path", "management_unit_id", "department_id", "organization_id"
    )
    return held.union(_claims(user), all=True)


# stand-ins for the person and the time, by which the written statement's parameters are found
_ANY_USER_ID = -7_654_321
_ANY_TIME = datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=UTC)


@cache
def _roles_statement(alias: str) -> KeptStatement:
    """`_held`'s statement as the ORM writes it for the database `alias`, run with the person and the time."""
    user = apps.get_model("accounts", "User")(pk=_ANY_USER_ID)
    time = connections[alias].ops.adapt_datetimefield_value(_ANY_TIME)
    return keep(_held(user, _ANY_TIME), alias, user=_ANY_USER_ID, time=time)


def _held_rows(user) -> list[tuple]:
    alias = router.db_for_read(RoleAssignment)
    now = connections[alias].ops.adapt_datetimefield_value(timezone.now())
    return _roles_statement(alias).rows(alias, user=user.pk, time=now)


def _load(user) -> Scopes:
    paths: dict[str, set[str]] = defaultdict(set)
    unit_roles: dict[int, set[str]] = defaultdict(set)
    organizations: dict[str, set[int]] = defaultdict(set)
    departments: dict[str, set[int]] = defaultdict(set)
    for role, place_path, unit_id, department_id, organization_id in _held_rows(user):
        if place_path:
            paths[role].add(place_path)
        elif unit_id:
            unit_roles[unit_id].add(role)
        elif department_id:
            departments[role].add(department_id)
        else:
            organizations[role].add(organization_id)
    if unit_roles:
        compounds = ManagedCompound.objects.filter(unit_id__in=unit_roles)
        for unit_id, compound_path in compounds.values_list("unit_id", "compound__path"):
            for role in unit_roles[unit_id]:
                paths[role].add(compound_path)
        for roles in unit_roles.values():  # a unit with no compounds yet still confers its role
            for role in roles:
                paths.setdefault(role, set())
    return Scopes(
        {role: tuple(sorted(p)) for role, p in paths.items()},
        {role: _with_grouped(ids) for role, ids in organizations.items()},
        {role: frozenset(ids) for role, ids in departments.items()},
    )


def _with_grouped(organization_ids: set[int]) -> frozenset[int]:
    """A federation's role reaches the organizations it groups, at any depth."""
    organization = apps.get_model("organizations", "Organization")  # by name: access sits below it
    found, frontier = set(organization_ids), set(organization_ids)
    while frontier:
        frontier = (
            set(organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return frozenset(found)
