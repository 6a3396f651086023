"""Where reports cluster: counts per compound (from the rollups) or per building of one compound."""

from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import Substr
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.places.models import Place, PlaceKind, depth_of
from apps.places.selectors import places_below
from apps.reports.models import Category

from .charts import Spot
from .links import reports_url
from .selectors import NO_COMPOUND, Period, grouped, names_of, reports_behind

_BUILDING_PATH_LENGTH = Place.steplen * depth_of(PlaceKind.BUILDING)


def overseen_places(user, kind: str):
    return visible_to(user, Place.objects.filter(kind=kind), perm="oversight.view_dashboard")


def spots_of(user, period: Period, *, category=None, compound: Place | None = None) -> list[Spot]:
    if compound is not None:
        return _building_spots(user, period, category=category, compound=compound)
    counts = {
        compound: row["submitted"]
        for (compound,), row in grouped(
            user, period, by=("compound",), sums=("submitted",), category=category, compound__isnull=False
        ).items()
    }
    communities = dict(overseen_places(user, PlaceKind.COMMUNITY).values_list("path", "name"))
    link = _category_link(category)
    return [
        Spot(
            place.latitude,
            place.longitude,
            place.name,
            counts.get(place.pk, 0),
            reports_url(period, compound=place.pk, **link),
            communities.get(place.path[: -Place.steplen], ""),
            _map_url(period, category, place),
        )
        for place in overseen_places(user, PlaceKind.COMPOUND).order_by("path")
    ]


def _building_spots(user, period: Period, *, category, compound: Place) -> list[Spot]:
    """One compound's buildings: few enough reports to count directly, through the indexed path."""
    # by the compound's places (index on place, …, created_at), not by a path scan of every report
    below = places_below(compound, include_self=True).values("pk")
    reports = reports_behind(user, period=period, place__in=below)
    if category is not None:
        reports = reports.filter(
            **({"category__parent": category} if category.parent_id is None else {"category": category})
        )
    counts = dict(
        reports.order_by()
        .annotate(building=Substr("place__path", 1, _BUILDING_PATH_LENGTH))
        .values("building")
        .annotate(n=Count("pk"))
        .values_list("building", "n")
    )
    buildings = places_below(compound, kind=PlaceKind.BUILDING).order_by("path")
    link = _category_link(category)
    return [
        Spot(
            place.latitude if place.latitude is not None else compound.latitude,
            place.longitude if place.longitude is not None else compound.longitude,
            place.name,
            counts.get(place.path, 0),
            reports_url(period, place=place.pk, **link),
            compound.name,
        )
        for place in buildings
    ]


def _map_url(period: Period, category, compound: Place) -> str:
    params = {"since": period.since.isoformat(), "until": period.until.isoformat(), "compound": compound.pk}
    if category is not None:
        params["category"] = category.pk
    return reverse("oversight:heat_map") + "?" + urlencode(params)


def _category_link(category) -> dict:
    if category is None:
        return {}
    return {"major": category.pk} if category.parent_id is None else {"category": category.pk}


def grid_of(user, period: Period) -> dict:
    """Counts per compound (rows) and major category (columns), each cell linking to its reports."""
    rows = grouped(user, period, by=("compound", "community", "category__parent"), sums=("submitted",))
    places = names_of(Place, {pk for key in rows for pk in key[:2]})
    majors = names_of(Category, {key[2] for key in rows})

    def label(key) -> str:
        return f"{places.get(key[1], '')} {places.get(key[0], '')}".strip()

    columns: dict[int, str] = {}
    table: dict = {}
    for (compound, community, major), row in sorted(rows.items(), key=lambda item: label(item[0])):
        columns[major] = majors.get(major, "")
        # reports about a community itself (no compound) make a line of their own per community
        where = {"compound": compound} if compound else {"community": community, "compound": NO_COMPOUND}
        line = table.setdefault(
            compound or (None, community),
            {"label": label((compound, community)), "cells": {}, "total": 0, "where": where},
        )
        line["cells"][major] = line["cells"].get(major, 0) + row["submitted"]
        line["total"] += row["submitted"]
    ordered = sorted(columns.items(), key=lambda item: item[1])
    lines = [
        {
            "label": line["label"],
            "total": line["total"],
            "cells": [
                (line["cells"].get(pk, 0), reports_url(period, **line["where"], major=pk))
                for pk, _ in ordered
            ],
        }
        for line in table.values()
    ]
    return {"columns": [name for _, name in ordered], "lines": lines}
