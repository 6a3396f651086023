"""Reads about people: what the "my home" page shows."""

from dataclasses import dataclass

from apps.access.models import RoleAssignment
from apps.access.permissions import grants_of
from apps.places.models import PlaceKind
from apps.places.selectors import place_labels

from .models import Residency, User


@dataclass(frozen=True)
class Home:
    residencies: list[tuple[Residency, str]]
    roles: list[tuple[RoleAssignment, str]]

    @property
    def works_in_admin(self) -> bool:
        """`access.use_admin`, read from the roles the page has loaded already."""
        held = {assignment.role for assignment, _ in self.roles}
        return any(grant.roles & held for grant in grants_of("access.use_admin"))


def home_of(user: User) -> Home:
    """The person's households and roles on the "my home" page, in three queries whatever the size of the
    street; their reports and unread notices come from those apps' template tags."""
    residencies = list(Residency.objects.filter(user=user).select_related("household"))
    roles = list(
        RoleAssignment.objects.active()
        .filter(user=user)
        .select_related("place", "management_unit", "organization")
        .order_by("role")
    )
    places = [r.household for r in residencies] + [a.place for a in roles if a.place]
    labels = place_labels(places, from_kind=PlaceKind.COMMUNITY)
    return Home(
        residencies=[(r, labels[r.household_id]) for r in residencies],
        roles=[
            (a, labels[a.place_id] if a.place_id else str(a.management_unit or a.organization)) for a in roles
        ],
    )
