"""The places and organizations a person's active role assignments cover, read once per request."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from apps.places.models import ManagedCompound, Place

from .models import RoleAssignment

_CACHE_ATTRIBUTE = "_access_scopes"


@dataclass(frozen=True)
class Scopes:
    """Path prefixes per role (a management-unit scope expanded to its compounds) and organization
    ids per role (a federation's scope expanded to the organizations it groups)."""

    paths_by_role: dict[str, tuple[str, ...]]
    organizations_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def roles(self) -> frozenset[str]:
        return frozenset(self.paths_by_role) | frozenset(self.organizations_by_role)

    def paths_for(self, roles) -> tuple[str, ...]:
        found = {path for role in roles for path in self.paths_by_role.get(role, ())}
        return tuple(sorted(_outermost(found)))

    def all_paths(self) -> tuple[str, ...]:
        """The outermost places of all the person's roles."""
        return self.paths_for(self.paths_by_role)

    def organizations_for(self, roles) -> frozenset[int]:
        return frozenset(pk for role in roles for pk in self.organizations_by_role.get(role, ()))


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


def places_around(user, field: str) -> Q:
    """Places on which the person holds a role, with the places above and below them, as a filter on
    `field` (a path): who belongs to a hall, whose public organizations a person may join."""
    paths = scopes_of(user).all_paths()
    if not paths:
        return Q(pk__in=[])
    step = Place.steplen
    above = sorted({path[:i] for path in paths for i in range(step, len(path) + 1, step)})
    condition = Q(**{f"{field}__in": above})
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def forget_scopes(user) -> None:
    """Call after changing someone's assignments within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _load(user) -> Scopes:
    rows = RoleAssignment.objects.active(timezone.now()).filter(user=user)
    paths: dict[str, set[str]] = defaultdict(set)
    unit_roles: dict[int, set[str]] = defaultdict(set)
    organizations: dict[str, set[int]] = defaultdict(set)
    for role, place_path, unit_id, organization_id in rows.values_list(
        "role", "place__path", "management_unit_id", "organization_id"
    ):
        if place_path:
            paths[role].add(place_path)
        elif unit_id:
            unit_roles[unit_id].add(role)
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
