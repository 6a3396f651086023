"""
问题台账: the weekly ledger of high-frequency categories and high-incidence places per responsible
unit — the property-management unit a report was dispatched to, or else its community.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from tablib import Dataset

from apps.places.models import ManagementUnit, Place
from apps.reports.models import Category

TOP = 5
LEAST = 2  # a category or place enters the ledger from this many reports in the week


@dataclass
class Entry:
    unit_kind: str  # "management_unit" or "community"
    unit_id: int
    unit: str
    categories: list[tuple[str, int]] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    total: int = 0


def week_of(day: date) -> date:
    """The Monday starting the week of `day`."""
    return day - timedelta(days=day.weekday())


def ledger(rows, week: date) -> list[Entry]:
    """The ledger of the scoped rollup rows for the week starting on Monday `week`."""
    grouped = list(
        rows.filter(day__gte=week, day__lt=week + timedelta(days=7))
        .values_list("management_unit", "community", "category", "compound")
        .annotate(n=Sum("submitted"))
        .order_by()
    )
    places = _names(Place, {pk for row in grouped for pk in (row[1], row[3])})
    units = _names(ManagementUnit, {row[0] for row in grouped})
    categories = _names(Category, {row[2] for row in grouped})
    entries: dict[tuple[str, int], Entry] = {}
    by_category: dict[tuple, dict[str, int]] = {}
    by_place: dict[tuple, dict[str, int]] = {}
    for unit, community, category, compound, n in grouped:
        key, name = (
            (("management_unit", unit), units[unit])
            if unit
            else (("community", community), places[community])
        )
        entry = entries.setdefault(key, Entry(key[0], key[1], name))
        entry.total += n
        counts = by_category.setdefault(key, {})
        counts[categories[category]] = counts.get(categories[category], 0) + n
        place = places.get(compound) or places[community]
        counts = by_place.setdefault(key, {})
        counts[place] = counts.get(place, 0) + n
    for key, entry in entries.items():
        entry.categories = _top(by_category[key])
        entry.places = _top(by_place[key])
    return sorted(entries.values(), key=lambda e: (-e.total, e.unit))


def _names(model, ids) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=[pk for pk in ids if pk]).values_list("pk", "name"))


def _top(counts: dict[str, int]) -> list[tuple[str, int]]:
    ranked = sorted(
        ((name, n) for name, n in counts.items() if n >= LEAST), key=lambda item: (-item[1], item[0])
    )
    return ranked[:TOP]


def ledger_rows(entries: list[Entry], *, headers: tuple, category: str, place: str) -> list[tuple]:
    """The ledger as a table: unit, kind of line (category or place), name, reports."""
    rows = [headers]
    for entry in entries:
        rows += [(entry.unit, category, name, n) for name, n in entry.categories]
        rows += [(entry.unit, place, name, n) for name, n in entry.places]
    return rows


def as_csv(rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()  # the BOM makes spreadsheet programs read UTF-8


def as_xlsx(rows: list[tuple], *, sheet: str = "Ledger") -> bytes:
    """A one-sheet workbook: the first row heads the columns."""
    return Dataset(*rows[1:], headers=rows[0], title=sheet).export("xlsx")
