"""
Where and what a city order is about, from the words of the hotline's export: the place from its
address (a place's code, or the names of the place tree written one after another, as in
“中仓街道 中上园5号院 3号楼 2单元” or “中上园5号院3号楼”), the category from its code or name.
A finder is made for one area (the importer's or the client's) and remembers what it read.
"""

import re
from collections.abc import Sequence

from django.db.models import Q

from apps.places.models import Place, PlaceKind, depth_of
from apps.reports.models import Category

SEPARATORS = re.compile(r"[\s·,，、/\\|>＞-]+")
COMMUNITY_DEPTH = depth_of(PlaceKind.COMMUNITY)
CATEGORY_JOINS = re.compile(r"\s*[·/\\|>＞-]\s*")


class PlaceFinder:
    def __init__(self, areas: Sequence[Place]):
        self.areas = list(areas)
        self._children: dict[str, list[Place]] = {}
        self._ancestors: dict[str, list[Place]] = {}
        self._found: dict[str, Place | None] = {}

    def find(self, address: str) -> Place | None:
        """The deepest place the address names within the areas, from a community down; None if none."""
        address = str(address or "").strip()
        if address not in self._found:
            self._found[address] = self._find(address) if address else None
        return self._found[address]

    def _find(self, address: str) -> Place | None:
        coded = Place.objects.filter(code=address).first()
        if coded is not None:
            return coded if any(coded.is_within(area) for area in self.areas) else None
        words = SEPARATORS.sub("", address)
        for area in self.areas:
            found = self._descend(area, words)
            if found is not None and found.depth >= COMMUNITY_DEPTH:
                return found
        return None

    def _descend(self, area: Place, words: str) -> Place | None:
        words, named = _strip_names(self._ancestors_of(area), words)
        place = area
        while words:
            child = self._named_child(place, words) or self._named_grandchild(place, words)
            if child is None:
                break
            words = words[len(child.name) :]
            place, named = child, True
        return place if named else None

    def _ancestors_of(self, area: Place) -> list[Place]:
        if area.path not in self._ancestors:
            self._ancestors[area.path] = [*Place.objects.get_ancestors(area), area]
        return self._ancestors[area.path]

    def _named_child(self, place: Place, words: str) -> Place | None:
        named = [child for child in self._children_of(place) if words.startswith(child.name)]
        return max(named, key=lambda child: len(child.name), default=None)

    def _named_grandchild(self, place: Place, words: str) -> Place | None:
        """An address may leave out a level (“中上园5号院” without its community)."""
        found = [self._named_child(child, words) for child in self._children_of(place)]
        return max(filter(None, found), key=lambda child: len(child.name), default=None)

    def _children_of(self, place: Place) -> list[Place]:
        if place.path not in self._children:
            self._children[place.path] = list(
                Place.objects.filter(path__startswith=place.path, depth=place.depth + 1).exclude(name="")
            )
        return self._children[place.path]


def _strip_names(places: Sequence[Place], words: str) -> tuple[str, bool]:
    """The address without the names of the area and those above it it starts with."""
    named = False
    for place in places:
        if place.name and words.startswith(place.name):
            words, named = words[len(place.name) :], named or place == places[-1]
    return words, named


class CategoryFinder:
    def __init__(self):
        self._found: dict[str, Category | None] = {}

    def find(self, value: str) -> Category | None:
        """A listed problem by its code, its name, or “major · minor” names; None if unknown or unclear."""
        value = str(value or "").strip()
        if value not in self._found:
            self._found[value] = _category(value) if value else None
        return self._found[value]


def _category(value: str) -> Category | None:
    listed = Category.objects.filter(parent__isnull=False, is_active=True).select_related("parent")
    by_code = listed.filter(code=value).first()
    if by_code is not None:
        return by_code
    parts = CATEGORY_JOINS.split(value)
    if len(parts) == 2:
        matches = list(listed.filter(parent__name=parts[0], name=parts[1])[:2])
    else:
        matches = list(listed.filter(Q(name=value))[:2])
    return matches[0] if len(matches) == 1 else None
