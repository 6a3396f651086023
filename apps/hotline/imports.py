"""
CSV/XLSX import of the 12345 hotline's export of city orders (django-import-export).

Columns, by their English or Chinese names: order_number 工单编号, sent_at 派单时间, text 诉求内容,
caller_phone 来电号码, address 问题地址 (a place's code or the names of the place tree), category
问题分类 (a category's code or name), urgency 紧急程度 (紧急 / 一般), response_due 响应时限,
resolve_due 办结时限. Each row goes through `city_order_receive` as the importing person: a new
order number enters the queue, a known one updates its order, an unchanged one is skipped. The
import is one transaction: any refused row and nothing is saved; each refusal names its row.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from import_export import fields, resources

from apps.access.visibility import outermost_places
from apps.audit.models import StaffAction
from apps.core.planner import AnalyzedImport
from apps.core.refusals import refusal_message
from apps.places.models import Place
from apps.reports.models import Report, TimelineEvent

from .addresses import CategoryFinder, PlaceFinder
from .models import CityOrder
from .services import OrderValues, Outcome, city_order_receive, order_differs, order_values_clean

COLUMNS = {
    "工单编号": "order_number",
    "派单时间": "sent_at",
    "诉求内容": "text",
    "来电号码": "caller_phone",
    "问题地址": "address",
    "问题分类": "category",
    "紧急程度": "urgency",
    "响应时限": "response_due",
    "办结时限": "resolve_due",
}
URGENT = {"紧急", "特急", "urgent", "yes", "1", "是", "true"}
ORDINARY = {"", "一般", "普通", "normal", "no", "0", "否", "false"}
DATETIME_FORMATS = ["%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y年%m月%d日 %H:%M", "%Y-%m-%d"]
PREFETCH_CHUNK = 500  # order numbers per query when the file's known orders are read


class CityOrderResource(AnalyzedImport, resources.ModelResource):
    analyzed_models = (CityOrder, Report, TimelineEvent, StaffAction)
    order_number = fields.Field(column_name="order_number", attribute="number")

    class Meta:
        model = CityOrder
        fields = ["order_number"]
        import_id_fields = ["order_number"]
        use_transactions = True

    def __init__(self, *, by, **kwargs):
        """`by`: the person importing; the places of the orders are looked for within their areas."""
        super().__init__(**kwargs)
        self.by = by
        areas = Place.objects.filter(path__in=outermost_places(by, "hotline.import_cityorders"))
        self.places = PlaceFinder(areas.order_by("path"))
        self.categories = CategoryFinder()
        self._values: dict[str, OrderValues] = {}
        self._unchanged: set[str] = set()
        self._orders: dict[str, CityOrder] = {}

    def before_import(self, dataset, **kwargs):
        """Name the columns, then read the orders the file already knows, all at once."""
        dataset.headers = [COLUMNS.get(str(name).strip(), str(name).strip()) for name in dataset.headers]
        if "order_number" in dataset.headers:
            self._orders = _known_orders({str(n or "").strip() for n in dataset["order_number"]})

    def get_instance(self, instance_loader, row):
        return self._orders.get(row["order_number"])

    def before_import_row(self, row, **kwargs):
        """Read and check the whole row before the library looks up its order."""
        values = order_values_clean(self._read(row))
        row["order_number"] = values.number
        self._values[values.number] = values
        existing = self._orders.get(values.number)
        if existing is not None and not self.by.has_perm("hotline.change_cityorder", existing):
            refusal = _("“%(number)s” is an order you may not change.") % {"number": values.number}
            raise ValidationError({"order_number": refusal})
        if existing is not None and not order_differs(existing, values):
            self._unchanged.add(values.number)
        else:
            self._unchanged.discard(values.number)

    def _read(self, row) -> OrderValues:
        errors = {}
        address, category_name = _text(row, "address"), _text(row, "category")
        place = self.places.find(address)
        if place is None:
            errors["address"] = _("No place of yours is at “%(address)s”.") % {"address": address}
        category = self.categories.find(category_name)
        if category is None:
            errors["category"] = _("No listed problem is called “%(name)s”.") % {"name": category_name}
        urgency = _text(row, "urgency").lower()
        if urgency not in URGENT | ORDINARY:
            errors["urgency"] = _("Urgency is 紧急 (urgent) or 一般 (ordinary).")
        times = {}
        for name in ("sent_at", "response_due", "resolve_due"):
            try:
                times[name] = _moment(row.get(name))
            except ValueError:
                errors[name] = _("“%(value)s” is not a date and time such as 2026-12-06 09:30.") % {
                    "value": _text(row, name)
                }
        if "sent_at" not in errors and times["sent_at"] is None:
            errors["sent_at"] = _("Every city order needs the time it was sent.")
        if not _text(row, "text"):
            errors["text"] = _("Every city order needs the caller's words.")
        if errors:
            raise ValidationError(errors)
        return OrderValues(
            number=_text(row, "order_number"),
            sent_at=times["sent_at"],
            place=place,
            category=category,
            text=_text(row, "text"),
            caller_phone=_text(row, "caller_phone"),
            urgent=urgency in URGENT,
            response_due=times["response_due"],
            resolve_due=times["resolve_due"],
            address=_text(row, "address"),
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return row["order_number"] in self._unchanged

    def do_instance_save(self, instance, is_create):
        try:
            order, outcome = city_order_receive(values=self._values[instance.number], by=self.by)
        except PermissionDenied as refused:
            raise ValidationError(refusal_message(refused)) from refused
        instance.pk, instance.report_id = order.pk, order.report_id
        self._orders[order.number] = order  # the same number again in the file finds it
        return outcome != Outcome.UNCHANGED


def _known_orders(numbers: set[str]) -> dict[str, CityOrder]:
    ordered, known = sorted(numbers), {}
    for start in range(0, len(ordered), PREFETCH_CHUNK):
        chunk = ordered[start : start + PREFETCH_CHUNK]
        orders = CityOrder.objects.select_related("report__place").filter(number__in=chunk)
        known.update((order.number, order) for order in orders)
    return known


def _text(row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _moment(value) -> datetime | None:
    """A time from the export: a spreadsheet's date-time, or text in one of the usual shapes."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, datetime.min.time())
    else:
        moment = _parsed(str(value).strip())
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _parsed(text: str) -> datetime:
    moment = parse_datetime(text)
    if moment is not None:
        return moment
    for shape in DATETIME_FORMATS:
        try:
            return datetime.strptime(text, shape)
        except ValueError:
            continue
    raise ValueError(text)
