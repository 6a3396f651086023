"""Service requests as Open311 publishes them, open or closed, with the handler as the agency and
the resolution deadline as expected: in the public view without the resident's text, the place
named down to its building, the handlers' replies redacted; in a key's full view as reported. Never
a name or a phone number field."""

from datetime import datetime, time, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from apps.access.feeds import PUBLIC_FINEST_DEPTH, FeedReader, FeedView, readable_by
from apps.places.models import Place, PlaceKind, depth_of
from apps.reports.lifecycle import Status
from apps.reports.models import ActorKind, HandlerKind, Report, TimelineEvent

from .catalog import service_notice
from .formats import Open311Error, w3c
from .redact import redact

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_RANGE = timedelta(days=90)
CLOSED_STATUSES = frozenset(
    {Status.RESOLVED, Status.REVIEWED, Status.RATED, Status.CLOSED, Status.MERGED, Status.REJECTED}
)


def published_reports(*, reader: FeedReader):
    events = TimelineEvent.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-pk")
    notes = _published_notes(events, reader.view).exclude(note="")
    # subqueries, not a join grouped over every report: only the rows of the page are looked at
    reports = (
        Report.objects.select_related(
            "category", "place", "community", "management_unit__company", "department"
        )
        .annotate(
            updated_at=Subquery(events.values("created_at")[:1]),
            status_notes=Subquery(notes.values("note")[:1]),
        )
        .order_by("-created_at", "-pk")
    )
    if reader.view == FeedView.PUBLIC:
        reports = reports.defer("description")
    return readable_by(reader, reports)


def _published_notes(events, view: FeedView):
    """The notes a view carries: the public one only the handlers' (a resident's reason to reopen
    is their own text)."""
    return events.exclude(actor_kind=ActorKind.RESIDENT) if view == FeedView.PUBLIC else events


def requests_matching(params, *, reader: FeedReader, page: slice) -> list[Report]:
    reports = published_reports(reader=reader)
    if ids := _listed(params.get("service_request_id")):
        return list(reports.filter(tracking_number__in=ids[: MAX_PAGE * MAX_PAGE_SIZE])[page])
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
    return list(reports[page])


def updates_matching(params, *, reader: FeedReader, page: slice) -> list[TimelineEvent]:
    """mySociety's extension: each step of each request in the period, oldest first."""
    start, end = date_range(params.get("start_date"), params.get("end_date"))
    events = (
        TimelineEvent.objects.select_related("report")
        .only("status_after", "actor_kind", "note", "created_at", "report__tracking_number")
        .filter(created_at__gte=start, created_at__lte=end)
        .order_by("created_at", "pk")
    )
    return list(readable_by(reader, events, place="report__place")[page])


def page_of(params, *, default_size: int) -> slice:
    """The rows `page` and `page_size` ask for, both whole numbers from 1."""
    size = _whole_number(params, "page_size", default=default_size, most=MAX_PAGE_SIZE)
    page = _whole_number(params, "page", default=1, most=MAX_PAGE)
    return slice((page - 1) * size, page * size)


def _whole_number(params, name: str, *, default: int, most: int) -> int:
    text = params.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise Open311Error(400, _("%(name)s must be a whole number from 1.") % {"name": name})
    if int(text) > most:
        raise Open311Error(400, _("%(name)s may be at most %(most)s.") % {"name": name, "most": most})
    return int(text)


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


def request_rows(reports: list[Report], *, view: FeedView) -> list[dict]:
    public = view == FeedView.PUBLIC
    facts = _place_facts([report.place for report in reports], finest=PUBLIC_FINEST_DEPTH if public else None)
    return [_row(report, facts[report.place_id], public=public) for report in reports]


def _row(report: Report, facts: dict, *, public: bool) -> dict:
    notes = report.status_notes or ""
    return {
        "service_request_id": report.tracking_number,
        "status": "closed" if report.status in CLOSED_STATUSES else "open",
        "status_notes": redact(notes) if public else notes,
        "service_name": report.category.name,
        "service_code": report.category.code,
        **({} if public else {"description": report.description}),
        "agency_responsible": agency_responsible(report),
        "service_notice": service_notice(report.category),
        "requested_datetime": w3c(report.created_at),
        "updated_datetime": w3c(report.updated_at or report.created_at),
        "expected_datetime": w3c(report.resolve_due),
        "address": facts["address"],
        "address_id": str(facts["id"]),
        "zipcode": "",
        "lat": facts["lat"],
        "long": facts["long"],
        "media_url": "",
    }


def agency_responsible(report: Report) -> str:
    if report.handler_kind == HandlerKind.PROPERTY and report.management_unit_id:
        return report.management_unit.company.name
    if report.handler_kind == HandlerKind.STREET and report.department_id:
        return report.department.name
    return report.community.name


def update_rows(events: list[TimelineEvent], *, view: FeedView) -> list[dict]:
    public = view == FeedView.PUBLIC
    return [
        {
            "update_id": str(event.pk),
            "service_request_id": event.report.tracking_number,
            "status": MYSOCIETY_STATUS.get(event.status_after, "OPEN"),
            "updated_datetime": w3c(event.created_at),
            "description": _update_note(event) if public else event.note,
            "media_url": "",
        }
        for event in events
    ]


def _update_note(event: TimelineEvent) -> str:
    return "" if event.actor_kind == ActorKind.RESIDENT else redact(event.note)


MYSOCIETY_STATUS = {
    "submitted": "OPEN",
    "dispatched": "OPEN",
    "returned": "OPEN",
    "reopened": "OPEN",
    "accepted": "ACTION_SCHEDULED",
    "in_progress": "IN_PROGRESS",
    "resolved": "FIXED",
    "reviewed": "FIXED",
    "rated": "FIXED",
    "closed": "CLOSED",
    "merged": "DUPLICATE",
    "rejected": "NO_FURTHER_ACTION",
}


def _place_facts(places: list[Place], *, finest: int | None = None) -> dict[int, dict]:
    """Address labels, down to the depth `finest` when given, and the coordinates of the nearest
    placed ancestor among them, for many places in one query."""
    first = depth_of(PlaceKind.COMMUNITY)
    named = {p.pk: min(p.depth, finest or p.depth) for p in places}
    prefixes = {p.path[: i * p.steplen] for p in places for i in range(first, named[p.pk] + 1)}
    rows = Place.objects.filter(path__in=prefixes).values_list("path", "pk", "name", "latitude", "longitude")
    by_path = {path: (pk, name, lat, long) for path, pk, name, lat, long in rows}
    facts = {}
    for place in places:
        chain = [by_path[place.path[: i * place.steplen]] for i in range(first, named[place.pk] + 1)]
        placed = [(lat, long) for _pk, _name, lat, long in chain if lat is not None and long is not None]
        lat, long = placed[-1] if placed else (None, None)
        facts[place.pk] = {
            "id": chain[-1][0],
            "address": " ".join(name for _pk, name, _lat, _long in chain),
            "lat": float(lat) if lat is not None else None,
            "long": float(long) if long is not None else None,
        }
    return facts
