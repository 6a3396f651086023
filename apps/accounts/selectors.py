"""Reads about people: what the "my home" page shows."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.permissions import grants_of
from apps.core.forgetting import forget_now_and_on_commit
from apps.core.readahead import cache_get
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


# how long a renamed place, or a role that begins later than it was granted, may take to show
HOME_TTL = 300


def home_of(user: User) -> Home:
    """The person's households and roles on the "my home" page: from the cache, else read in three
    queries whatever the size of the street and kept until a role of them ends. Their reports and
    unread notices come from those apps' template tags."""
    home = cache_get(home_key(user.pk))
    if home is None:
        home = _home_read(user)
        cache.set(home_key(user.pk), home, _seconds_unchanged(home))
    return home


def home_forget(user_id: int) -> None:
    """The person's households or roles changed."""
    forget_now_and_on_commit(home_key(user_id))


def home_key(user_id: int) -> str:
    return f"accounts:home:{user_id}"


def _seconds_unchanged(home: Home) -> int:
    ends = [assignment.valid_until for assignment, _ in home.roles if assignment.valid_until]
    until_first_end = (min(ends) - timezone.now()).total_seconds() if ends else HOME_TTL
    return max(1, min(HOME_TTL, int(until_first_end)))


def _home_read(user: User) -> Home:
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
