"""
Writes of city orders: an order the 12345 hotline sends down enters the report queue once, through
`report_submit` with the city's deadlines; the same order number again updates its order and the
open report, and changes nothing when nothing differs.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.phones import normalize_mainland_mobile
from apps.audit.services import staff_action_record
from apps.places.models import Place
from apps.reports.lifecycle import OPEN_STATUSES
from apps.reports.models import Category, Report
from apps.reports.routing import Deadlines, deadlines_for
from apps.reports.services import report_submit

from .models import CityOrder

MAX_NUMBER = 64


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class OrderValues:
    """An order as the city sent it; `place` and `category` already found in the tree."""

    number: str
    sent_at: datetime
    place: Place
    category: Category
    text: str
    caller_phone: str = ""
    urgent: bool = False
    response_due: datetime | None = None
    resolve_due: datetime | None = None
    address: str = ""


def order_values_from(data, *, number: str, place: Place, category: Category) -> OrderValues:
    """The order as a form or the API read it: the city's fields by their names in `data`."""
    return OrderValues(
        number=number,
        sent_at=data["sent_at"],
        place=place,
        category=category,
        text=data["text"],
        caller_phone=data["caller_phone"],
        urgent=data["urgent"],
        response_due=data["response_due"],
        resolve_due=data["resolve_due"],
        address=data["address"],
    )


def order_values_clean(values: OrderValues) -> OrderValues:
    """The values as stored (number and text trimmed, the phone normalized), or the fields' errors."""
    errors = {}
    number = values.number.strip()
    if not number:
        errors["number"] = _("Every city order needs its order number.")
    elif len(number) > MAX_NUMBER:
        errors["number"] = _("An order number has at most %(count)d characters.") % {"count": MAX_NUMBER}
    phone = ""
    try:
        phone = normalize_mainland_mobile(values.caller_phone) if values.caller_phone.strip() else ""
    except ValidationError as refused:
        errors["caller_phone"] = refused.messages
    for name in ("response_due", "resolve_due"):
        due = getattr(values, name)
        if due is not None and due <= values.sent_at:
            errors[name] = _("A deadline comes after the time the order was sent.")
    if errors:
        raise ValidationError(errors)
    return replace(values, number=number, text=values.text.strip(), caller_phone=phone)


def city_order_receive(*, values: OrderValues, by=None) -> tuple[CityOrder, Outcome]:
    """Enter a city order into the queue, or update the order of the same number. `by`: the staff
    member entering or importing it (None for a client system, checked by the API)."""
    values = order_values_clean(values)
    try:
        return _receive(values, by=by)
    except IntegrityError:
        if not CityOrder.objects.filter(number=values.number).exists():
            raise
        return _receive(values, by=by)  # sent twice at once: the other entered it first


def _receive(values: OrderValues, *, by) -> tuple[CityOrder, Outcome]:
    with transaction.atomic():
        order = (
            CityOrder.objects.select_for_update()
            .select_related("report")
            .filter(number=values.number)
            .first()
        )
        if order is None:
            return _create(values, by=by), Outcome.CREATED
        _check_may_enter(by, order.report.place)
        if not order_differs(order, values):
            return order, Outcome.UNCHANGED
        return _update(order, values, by=by), Outcome.UPDATED


def order_differs(order: CityOrder, values: OrderValues) -> bool:
    """Whether importing the values again would change the order: what the city may change later —
    its text, phone, urgency, deadlines and address; the place and category stay as first found,
    since staff may have corrected them."""
    report = order.report
    return (
        order.sent_at,
        order.address,
        order.urgent,
        order.response_due,
        order.resolve_due,
        report.description,
        report.contact_phone,
    ) != (
        values.sent_at,
        values.address.strip(),
        values.urgent,
        values.response_due,
        values.resolve_due,
        values.text,
        values.caller_phone,
    )


def _create(values: OrderValues, *, by) -> CityOrder:
    _check_may_enter(by, values.place)
    report = report_submit(
        place=values.place,
        category=values.category,
        description=values.text,
        source=Report.Source.HOTLINE,
        contact_phone=values.caller_phone,
        entered_by=by,
        urgent=values.urgent,
        external_reference=values.number,
        deadlines=_deadlines(values, now=timezone.now()),
    )
    now = timezone.now()
    return CityOrder.objects.create(
        number=values.number,
        report=report,
        sent_at=values.sent_at,
        address=values.address.strip(),
        urgent=values.urgent,
        response_due=values.response_due,
        resolve_due=values.resolve_due,
        created_at=now,
        updated_at=now,
    )


def _update(order: CityOrder, values: OrderValues, *, by) -> CityOrder:
    order.sent_at, order.address, order.urgent = values.sent_at, values.address.strip(), values.urgent
    order.response_due, order.resolve_due = values.response_due, values.resolve_due
    order.updated_at = timezone.now()
    order.save(update_fields=["sent_at", "address", "urgent", "response_due", "resolve_due", "updated_at"])
    report = order.report
    report.description, report.contact_phone, report.urgent = values.text, values.caller_phone, values.urgent
    fields = ["description", "contact_phone", "urgent"]
    if report.status in OPEN_STATUSES:
        fields += _deadlines_again(report, values)
    report.save(update_fields=fields)
    if by is not None:
        staff_action_record(actor=by, action="hotline.update", obj=order, place=report.place)
    return order


def _deadlines(values: OrderValues, *, now: datetime) -> Deadlines | None:
    """The category's deadlines from now, each replaced by the city's where it set one; the order is
    dispatched before the city's deadline to respond. None: the city set none."""
    if values.response_due is None and values.resolve_due is None:
        return None
    own = deadlines_for(category=values.category, urgent=values.urgent, submitted_at=now)
    response_due = values.response_due or own.response_due
    resolve_due = values.resolve_due or own.resolve_due
    return Deadlines(
        dispatch_due=min(own.dispatch_due, response_due, resolve_due),
        response_due=response_due,
        resolve_due=resolve_due,
    )


def _deadlines_again(report: Report, values: OrderValues) -> list[str]:
    """The city's changed deadlines reach the open report; those it left empty stay as they are."""
    fields = []
    if values.response_due is not None and report.responded_at is None:
        report.response_due = values.response_due
        fields.append("response_due")
    if values.resolve_due is not None:
        report.resolve_due = values.resolve_due
        fields.append("resolve_due")
    return fields


def _check_may_enter(by, place: Place) -> None:
    if by is not None and not by.has_perm("hotline.add_cityorder", _probe(place)):
        raise PermissionDenied(_("You may not enter city orders for this place."))


def _probe(place: Place) -> CityOrder:
    """An unsaved order at the place, to ask place-scoped permissions before it exists."""
    return CityOrder(report=Report(place=place))
