"""Reads of city orders: the deadlines a city order holds for its report, and the orders of a period."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.reports.models import Report
from apps.reports.routing import Deadlines

from .models import CityOrder


def city_deadlines(report: Report) -> Deadlines | None:
    """The city's deadlines of a hotline report, when the city set one to resolve it."""
    if report.source != Report.Source.HOTLINE or report.pk is None:
        return None
    order = CityOrder.objects.filter(report_id=report.pk).values("response_due", "resolve_due").first()
    if not order or order["resolve_due"] is None:
        return None
    return Deadlines(
        dispatch_due=report.dispatch_due,
        response_due=order["response_due"] or report.response_due,
        resolve_due=order["resolve_due"],
    )


def orders_sent_between(user, *, first: date, last: date) -> QuerySet[CityOrder]:
    """The city orders the person may export, sent down from `first` to `last` (local days, both in)."""
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    orders = CityOrder.objects.filter(sent_at__gte=start, sent_at__lt=end)
    return (
        visible_to(user, orders, perm="hotline.export_results")
        .select_related("report", "report__management_unit", "report__department", "report__community")
        .order_by("sent_at", "pk")
    )
