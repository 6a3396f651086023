"""Reads about people: what the "my home" page shows."""

from dataclasses import dataclass

from apps.access.models import RoleAssignment
from apps.access.roles import ADMIN_ROLES
from apps.places.models import PlaceKind
from apps.places.selectors import place_labels

from .models import Residency, User


@dataclass(frozen=True)
class Home:
    residencies: list[tuple[Residency, str]]
    roles: list[tuple[RoleAssignment, str]]
    reports: list
    unread_notifications: int

    @property
    def works_in_admin(self) -> bool:
        return any(assignment.role in ADMIN_ROLES for assignment, _ in self.roles)


def home_of(user: User) -> Home:
    """Everything of the "my home" page in five queries, whatever the size of the street."""
    from apps.notifications.models import Notification
    from apps.reports.models import Report

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
        reports=list(
            Report.objects.filter(reporter=user).select_related("category").order_by("-created_at")[:10]
        ),
        unread_notifications=Notification.objects.filter(user=user, read_at__isnull=True).count(),
    )
