"""Reads of the demo street: its size, and who signs in with which number, as what, where."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency, User
from apps.places.models import Place
from apps.places.selectors import place_labels

from .plan import CLAIMANT, USERNAME_PREFIX

# A person who holds several roles is shown as the first of them here.
KIND_ORDER = [
    Role.DISTRICT_OFFICIAL,
    Role.STREET_OFFICIAL,
    Role.COMMUNITY_STAFF,
    Role.PROPERTY_STAFF,
    Role.DEPARTMENT_STAFF,
    Role.GRID_WORKER,
    Role.INSPECTOR,
    Role.COUNCIL_MEMBER,
    Role.BUILDING_HEAD,
    Role.ORGANIZATION_LEADER,
    Role.ORGANIZATION_VOLUNTEER,
    Role.ORGANIZATION_MEMBER,
    Role.RESIDENT,
    CLAIMANT,
]


@dataclass(frozen=True)
class Persona:
    kind: str
    name: str
    phone: str
    scope: str


def kind_label(kind: str) -> str:
    if kind == CLAIMANT:
        return f"{Role.RESIDENT.label} · {Residency.Status.CLAIMED.label}"
    return str(Role(kind).label)


def demo_personas() -> list[Persona]:
    """Every demo person, grouped by kind in KIND_ORDER, by mobile number within a kind."""
    held = _scopes_by_user()
    personas = []
    for user in User.objects.filter(username__startswith=USERNAME_PREFIX).order_by("phone"):
        kinds = held.get(user.pk, {})
        kind = next((k for k in KIND_ORDER if k in kinds), None)
        if kind is not None:
            personas.append(Persona(kind, user.display_name, str(user.phone), "、".join(kinds[kind])))
    return sorted(personas, key=lambda p: KIND_ORDER.index(p.kind))


def _scopes_by_user() -> dict[int, dict[str, list[str]]]:
    demo = {"user__username__startswith": USERNAME_PREFIX}
    assignments = list(
        RoleAssignment.objects.active()
        .filter(**demo)
        .select_related("place", "management_unit", "department", "organization")
        .order_by("pk")
    )
    claims = list(
        Residency.objects.filter(status=Residency.Status.CLAIMED, **demo)
        .select_related("household")
        .order_by("pk")
    )
    labels = place_labels([a.place for a in assignments] + [c.household for c in claims])
    held: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in assignments:
        held[a.user_id][a.role].append(_scope_label(a, labels))
    for claim in claims:
        held[claim.user_id][CLAIMANT].append(labels[claim.household_id])
    return held


def _scope_label(assignment: RoleAssignment, labels: dict[int, str]) -> str:
    if assignment.place_id:
        return labels[assignment.place_id]
    return (assignment.management_unit or assignment.department or assignment.organization).name


def place_counts(street: Place) -> dict[str, int]:
    """How many places of each kind the street holds, itself included."""
    rows = Place.objects.filter(path__startswith=street.path).order_by().values_list("kind")
    return dict(rows.annotate(n=Count("pk")).values_list("kind", "n"))
