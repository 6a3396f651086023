"""Reads about reports: what the scan page offers, what the follow page shows."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Prefetch
from django.utils import timezone

from apps.places.models import Place, PlaceKind, depth_of

from .models import Board, Category, Photo, Report, TimelineEvent

CATEGORY_ORDER_TTL = 60 * 60


def board_by_token(token: str) -> Board | None:
    return Board.objects.select_related("place", "replaced_by").filter(token=token).first()


def categories_for_place(place: Place) -> list[Category]:
    """Minor categories, the most reported at this compound over the last year first; the order is
    cached an hour per compound, so a scan costs no counting."""
    anchor = (
        place.ancestor_path(PlaceKind.COMPOUND) if place.depth >= depth_of(PlaceKind.COMPOUND) else place.path
    )
    key = f"reports:category-order:{anchor}"
    order = cache.get(key)
    categories = list(
        Category.objects.filter(parent__isnull=False, is_active=True, parent__is_active=True)
        .select_related("parent")
        .order_by("parent__position", "position", "code")
    )
    if order is None:
        since = timezone.now() - timedelta(days=365)
        counts = (
            Report.objects.filter(place__path__startswith=anchor, created_at__gte=since)
            .values("category_id")
            .annotate(n=Count("id"))
        )
        order = {row["category_id"]: row["n"] for row in counts}
        cache.set(key, order, CATEGORY_ORDER_TTL)
    return sorted(categories, key=lambda c: -order.get(c.pk, 0))


def community_of(place: Place) -> Place:
    return Place.objects.get(path=place.ancestor_path(PlaceKind.COMMUNITY))


def report_for_follower(token: str) -> Report | None:
    """The report behind a private follow link, with its public timeline and photos."""
    return (
        Report.objects.select_related("category__parent", "place", "community")
        .prefetch_related(
            Prefetch("events", queryset=TimelineEvent.objects.order_by("created_at", "pk")),
            Prefetch("photos", queryset=Photo.objects.order_by("pk")),
        )
        .filter(follow_token=token)
        .first()
    )
