"""The places a person's active role assignments cover, read once per request."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from apps.places.models import ManagedCompound

from .models import RoleAssignment

_CACHE_ATTRIBUTE = "_access_scopes"


@dataclass(frozen=True)
class Scopes:
    """Path prefixes per role; a management-unit scope is expanded to its compounds."""

    paths_by_role: dict[str, tuple[str, ...]]

    def roles(self) -> frozenset[str]:
        return frozenset(self.paths_by_role)

    def paths_for(self, roles) -> tuple[str, ...]:
        found = {path for role in roles for path in self.paths_by_role.get(role, ())}
        return tuple(sorted(_outermost(found)))


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


def _load(user) -> Scopes:
    rows = RoleAssignment.objects.active(timezone.now()).filter(user=user)
    paths: dict[str, set[str]] = defaultdict(set)
    unit_roles: dict[int, set[str]] = defaultdict(set)
    for role, place_path, unit_id in rows.values_list("role", "place__path", "management_unit_id"):
        if place_path:
            paths[role].add(place_path)
        else:
            unit_roles[unit_id].add(role)
    if unit_roles:
        compounds = ManagedCompound.objects.filter(unit_id__in=unit_roles)
        for unit_id, compound_path in compounds.values_list("unit_id", "compound__path"):
            for role in unit_roles[unit_id]:
                paths[role].add(compound_path)
        for roles in unit_roles.values():  # a unit with no compounds yet still confers its role
            for role in roles:
                paths.setdefault(role, set())
    return Scopes({role: tuple(sorted(p)) for role, p in paths.items()})
