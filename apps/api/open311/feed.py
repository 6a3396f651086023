"""Service requests as Open311 publishes them: the public shape of a report (no names, no phone
numbers), open or closed, with the handler as the agency and the resolution deadline as expected."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from apps.places.models import Place, PlaceKind, depth_of
from apps.reports.lifecycle import Status
from apps.reports.models import HandlerKind, Report, TimelineEvent

from .catalog import service_notice
from .formats import Open311Error, w3c

MAX_REQUESTS = 1000
MAX_RANGE = timedelta(days=90)
CLOSED_STATUSES = frozenset(
    {Status.RESOLVED, Status.REVIEWED, Status.RATED, Status.CLOSED, Status.MERGED, Status.REJECTED}
)


def published_reports(*, within: Place | None):
    latest_note = (
        TimelineEvent.objects.filter(report=OuterRef("pk"))
        .exclude(note="")
        .order_by("-created_at", "-pk")
        .values("note")[:1]
    )
    reports = (
        Report.objects.select_related("category", "place", "community", "management_unit__company")
        .annotate(updated_at=Max("events__created_at"), status_notes=Subquery(latest_note))
        .order_by("-created_at", "-pk")
    )
    return reports.filter(place__path__startswith=within.path) if within else reports


def requests_matching(params, *, within: Place | None) -> list[Report]:
    reports = published_reports(within=within)
    if ids := _listed(params.get("service_request_id")):
        return list(reports.filter(tracking_number__in=ids[:MAX_REQUESTS]))
    start, end = date_range(params.get("start_date"), params.get("end_date"))
    reports = reports.filter(created_at__gte=start, created_at__lte=end)
    if codes := _listed(params.get("service_code")):
        reports = reports.filter(category__code__in=codes)
    statuses = set(_listed(params.get("status")))
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status is open or closed."))
    if statuses == {"open"}:
        reports = reports.exclude(status__in=CLOSED_STATUSES)
    elif statuses == {"closed"}:
        reports = reports.filter(status__in=CLOSED_STATUSES)
    return list(reports[:MAX_REQUESTS])


def _listed(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def date_range(start_text: str | None, end_text: str | None) -> tuple[datetime, datetime]:
    end = _moment(end_text, "end_date") if end_text else timezone.now()
    start = _moment(start_text, "start_date") if start_text else end - MAX_RANGE
    if start > end:
        raise Open311Error(400, _("start_date must come before end_date."))
    if end - start > MAX_RANGE:
        raise Open311Error(400, _("The date range may not span more than 90 days."))
    return start, end


def _moment(text: str, name: str) -> datetime:
    text = text.strip().replace(" ", "+")
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)):
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(
            400, _("%(name)s must be a W3C datetime such as 2024-05-01T00:00:00+08:00.") % {"name": name}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def request_rows(reports: list[Report]) -> list[dict]:
    facts = _place_facts([report.place for report in reports])
    return [_row(report, facts[report.place_id]) for report in reports]


def _row(report: Report, facts: dict) -> dict:
    return {
        "service_request_id": report.tracking_number,
        "status": "closed" if report.status in CLOSED_STATUSES else "open",
        "status_notes": report.status_notes or "",
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": agency_responsible(report),
        "service_notice": service_notice(report.category),
        "requested_datetime": w3c(report.created_at),
        "updated_datetime": w3c(report.updated_at or report.created_at),
        "expected_datetime": w3c(report.resolve_due),
        "address": facts["address"],
        "address_id": str(report.place_id),
        "zipcode": "",
        "lat": facts["lat"],
        "long": facts["long"],
        "media_url": "",
    }


def agency_responsible(report: Report) -> str:
    if report.handler_kind == HandlerKind.PROPERTY and report.management_unit_id:
        return report.management_unit.company.name
    if report.handler_kind == HandlerKind.STREET:
        return report.street_department
    return report.community.name


def _place_facts(places: list[Place]) -> dict[int, dict]:
    """Address labels and the coordinates of the nearest placed ancestor, for many places in one query."""
    first = depth_of(PlaceKind.COMMUNITY)
    prefixes = {p.path[: i * p.steplen] for p in places for i in range(first, p.depth + 1)}
    rows = Place.objects.filter(path__in=prefixes).values_list("path", "name", "latitude", "longitude")
    by_path = {path: (name, lat, long) for path, name, lat, long in rows}
    facts = {}
    for place in places:
        chain = [by_path[place.path[: i * place.steplen]] for i in range(first, place.depth + 1)]
        placed = [(lat, long) for _name, lat, long in chain if lat is not None and long is not None]
        lat, long = placed[-1] if placed else (None, None)
        facts[place.pk] = {
            "address": " ".join(name for name, _lat, _long in chain),
            "lat": float(lat) if lat is not None else None,
            "long": float(long) if long is not None else None,
        }
    return facts


def publishes_to_anyone() -> bool:
    return getattr(settings, "OPEN311_PUBLIC_REQUESTS", True)
