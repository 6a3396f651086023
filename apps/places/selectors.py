"""Reads of the place tree: subtrees, labels and property-management coverage."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import ManagedCompound, Place, PlaceKind, depth_of


def places_below(place: Place, *, kind: str | None = None, include_self: bool = False) -> QuerySet[Place]:
    queryset = Place.objects.filter(path__startswith=place.path)
    if not include_self:
        queryset = queryset.exclude(pk=place.pk)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def ancestors_of(place: Place) -> QuerySet[Place]:
    """Every ancestor, root first: one query on the indexed path."""
    prefixes = [place.path[:i] for i in range(place.steplen, len(place.path), place.steplen)]
    return Place.objects.filter(path__in=prefixes).order_by("depth")


def place_label(place: Place, *, from_kind: str = PlaceKind.COMPOUND) -> str:
    """'中上园5号院 3号楼 2单元': the names from the ancestor of `from_kind` down to the place."""
    return place_labels([place], from_kind=from_kind)[place.pk]


def place_labels(places, *, from_kind: str = PlaceKind.COMPOUND) -> dict[int, str]:
    """Labels of many places in one query, keyed by place id."""
    return labels_by_id({p.pk: (p.path, p.name) for p in places if p is not None}, from_kind=from_kind)


def labels_by_id(
    places: dict[int, tuple[str, str]], *, from_kind: str = PlaceKind.COMPOUND
) -> dict[int, str]:
    """`place_labels` of places given by id as their path and name, as rows read them."""
    step, first_depth = Place.steplen, depth_of(from_kind)
    prefixes = {path[:i] for path, _ in places.values() for i in range(step * first_depth, len(path), step)}
    names = dict(Place.objects.filter(path__in=prefixes).values_list("path", "name")) if prefixes else {}
    labels = {}
    for pk, (path, name) in places.items():
        steps = range(step * first_depth, len(path), step)
        labels[pk] = " ".join([*(names[path[:i]] for i in steps if path[:i] in names), name])
    return labels


def label_places_of(objects, *, via: str = "place", from_kind: str = PlaceKind.COMPOUND) -> list:
    """Give each object (a report, a warning…) a `place_label` for its place at `via`
    ("report__place" for a report's), all in one query."""
    objects = list(objects)

    def place_of(obj):
        for step in via.split("__"):
            obj = getattr(obj, step)
        return obj

    labels = place_labels([place_of(obj) for obj in objects], from_kind=from_kind)
    for obj in objects:
        obj.place_label = labels.get(place_of(obj).pk, "")
    return objects


@dataclass(frozen=True)
class Coverage:
    covered: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.covered / self.total if self.total else None


def management_coverage(*, within: Place) -> Coverage:
    """Compounds below `within` served by some property-management unit, over all its compounds."""
    compounds = places_below(within, kind=PlaceKind.COMPOUND, include_self=True)
    covered = ManagedCompound.objects.filter(compound__in=compounds).count()
    return Coverage(covered=covered, total=compounds.count())
