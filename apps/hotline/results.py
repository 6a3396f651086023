"""
The results of city orders, in the shape the hotline takes them back: order number, result (the
handler's note when resolving, or the reason it was rejected), reply time, handler, satisfaction —
one row per order, written as CSV or XLSX with tablib.
"""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from tablib import Dataset

from apps.reports.lifecycle import Status
from apps.reports.models import HandlerKind, TimelineEvent

from .models import CityOrder

ANSWERS = ("resolve", "reject")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def results_dataset(orders: QuerySet[CityOrder]) -> Dataset:
    answer = TimelineEvent.objects.filter(report=OuterRef("report"), action__in=ANSWERS).order_by(
        "-created_at", "-pk"
    )
    orders = orders.annotate(
        answer_note=Subquery(answer.values("note")[:1]),
        answer_at=Subquery(answer.values("created_at")[:1]),
    )
    headers = [_("order number"), _("result"), _("reply time"), _("handler"), _("satisfaction")]
    data = Dataset(headers=[str(header) for header in headers], title="12345")
    for order in orders:
        report = order.report
        replied = report.status != Status.REOPENED and order.answer_at is not None
        data.append(
            [
                order.number,
                order.answer_note if replied else "",
                timezone.localtime(order.answer_at).strftime("%Y-%m-%d %H:%M:%S") if replied else "",
                _handler(report),
                report.get_satisfaction_display() if report.satisfaction else "",
            ]
        )
    return data


def _handler(report) -> str:
    if report.handler_kind == HandlerKind.PROPERTY and report.management_unit_id:
        return report.management_unit.name
    if report.handler_kind == HandlerKind.STREET:
        return report.department.name if report.department_id else ""
    if report.handler_kind == HandlerKind.COMMUNITY:
        return report.community.name
    return ""


def results_file(orders: QuerySet[CityOrder], *, file_format: str) -> bytes:
    data = results_dataset(orders)
    if file_format == "xlsx":
        return data.export("xlsx")
    return ("\ufeff" + data.export("csv")).encode()  # the BOM makes spreadsheet programs read UTF-8
