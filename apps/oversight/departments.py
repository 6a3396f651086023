"""Departments in the three rates: the street departments and district bureaus ranked like the
management units, over a period, from the rollups (a department is one of their keys: the one a
report is with now), as the person may see them."""

from apps.places.models import Department
from apps.reports.models import Category
from apps.reports.rates import Rates

from .selectors import RATE_FIGURES, Period, Ranked, grouped, names_of


def ranked_departments(user, period: Period, *, category: Category | None = None) -> list[Ranked]:
    """The period's departments, best composite first (then the busiest); a department's count is of
    every report it was sent, its rates of those counted (reports.rates)."""
    rows = grouped(user, period, by=("department",), sums=("submitted", *RATE_FIGURES), category=category)
    totals = {key: row for (key,), row in rows.items() if key is not None}
    names = names_of(Department, list(totals))
    return sorted(
        (Ranked(pk, names.get(pk, ""), row["submitted"], _rates(row)) for pk, row in totals.items()),
        key=lambda r: (r.composite is None, -(r.composite or 0), -r.submitted, r.key or 0),
    )


def _rates(row: dict) -> Rates:
    return Rates(**{name: row[name] or 0 for name in RATE_FIGURES})
