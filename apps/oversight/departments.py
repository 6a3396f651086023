"""Departments in the three rates: the street departments and district bureaus ranked like the
management units, over a period, from the reports they were dispatched (reports.rates), as the person
may see them. The rollups know no departments: the reports of a department and period are read
through their own index (reports_department_created)."""

from datetime import timedelta

from django.db.models import Count, QuerySet

from apps.access.visibility import visible_to
from apps.places.models import Department
from apps.reports.models import Category, Report
from apps.reports.rates import Rates, rates_by

from .rollups import day_start
from .selectors import Period, Ranked, names_of


def department_reports(user, *, category: Category | None = None) -> QuerySet[Report]:
    reports = visible_to(user, Report.objects.filter(department__isnull=False), perm="reports.view_report")
    if category is not None:
        reports = reports.filter(**{"category" if category.parent_id else "category__parent": category})
    return reports


def ranked_departments(user, period: Period, *, category: Category | None = None) -> list[Ranked]:
    """The period's departments, best composite first (then the busiest); a department's count is of
    every report it was sent, as the rollups count them, its rates of those counted (reports.rates)."""
    reports = department_reports(user, category=category)
    since, until = day_start(period.since), day_start(period.until + timedelta(days=1))
    rates = rates_by(reports, "department", since=since, until=until)
    submitted = dict(
        reports.filter(created_at__gte=since, created_at__lt=until)
        .values("department")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("department", "n")
    )
    names = names_of(Department, list(submitted))
    return sorted(
        (Ranked(pk, names.get(pk, ""), n, rates.get(pk, NO_RATES)) for pk, n in submitted.items()),
        key=lambda r: (r.composite is None, -(r.composite or 0), -r.submitted, r.key or 0),
    )


NO_RATES = Rates(0, 0, 0, 0, 0)
