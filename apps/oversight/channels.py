"""The channel a report came in by as a dimension of the figures: the rates per channel (hotline and
QR board side by side), and per compound the 12345 city orders of the period — a compound with none
is the seeds' “12345 零投诉”."""

from dataclasses import dataclass

from django.db.models import Q

from apps.places.models import Place, PlaceKind
from apps.reports.models import Report
from apps.reports.rates import Rates

from .selectors import RATE_FIGURES, Period, grouped

# The channels shown first, side by side; the others follow in the order of Report.Source.
FIRST = (Report.Source.HOTLINE, Report.Source.QR)


@dataclass(frozen=True)
class Channel:
    source: str
    label: str
    submitted: int
    rates: Rates


def by_channel(user, period: Period, *, category=None) -> list[Channel]:
    """Every channel's reports of the period and their three rates, the hotline and QR boards first."""
    rows = grouped(user, period, by=("source",), sums=("submitted", *RATE_FIGURES), category=category)
    order = [*FIRST, *(source for source in Report.Source if source not in FIRST)]
    labels = dict(Report.Source.choices)
    found = []
    for source in order:
        row = rows.get((source,), dict.fromkeys(("submitted", *RATE_FIGURES), 0))
        if row["submitted"] or source in FIRST:
            rates = Rates(**{name: row[name] for name in RATE_FIGURES})
            found.append(Channel(str(source), labels[source], row["submitted"], rates))
    return found


@dataclass(frozen=True)
class CompoundOrders:
    compound: Place
    orders: int


def hotline_by_compound(user, period: Period, *, scope: list[Place]) -> list[CompoundOrders]:
    """Each compound below the overseen places (`scope`) with its city orders of the period, most
    first; those with none at the end."""
    counts = grouped(user, period, by=("compound",), sums=("submitted",), source=Report.Source.HOTLINE)
    below = Q(pk__in=[])
    for place in scope:
        below |= Q(path__startswith=place.path)
    compounds = Place.objects.filter(below, kind=PlaceKind.COMPOUND).order_by("path")
    rows = [CompoundOrders(c, counts.get((c.pk,), {}).get("submitted", 0)) for c in compounds]
    return sorted(rows, key=lambda row: -row.orders)
