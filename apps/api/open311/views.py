"""Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, requests
(GET and POST), tokens, and mySociety's servicerequestupdates. `.json` or `.xml` on every path;
`jurisdiction_id` accepted on every call."""

import uuid
from functools import wraps

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from apps.reports.models import Report, TimelineEvent

from . import catalog, feed
from .formats import FORMATS, Many, Open311Error, respond, respond_error, respond_one, w3c
from .intake import client_for, request_submit
from .locate import jurisdiction

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2025-01-01T00:00:00+08:00"


def open311(view):
    """Checks the format and the jurisdiction, and answers every refusal in the spec's error shape."""

    @wraps(view)
    def wrapped(request, *args, format: str, **kwargs):
        fmt = format.lower()
        try:
            if fmt not in FORMATS:
                raise Open311Error(400, _("Unsupported format: use .json or .xml."))
            params = request.POST if request.method == "POST" else request.GET
            request.jurisdiction = jurisdiction(params.get("jurisdiction_id"))
            return view(request, fmt, *args, **kwargs)
        except Open311Error as error:
            return respond_error(fmt, error)

    return wrapped


@require_http_methods(["GET"])
@open311
def discovery(request, fmt: str):
    base = request.build_absolute_uri(reverse("api:open311-discovery", kwargs={"format": "json"}))
    endpoint = {
        "specification": SPECIFICATION,
        "url": base.rsplit("/", 1)[0],
        "changeset": CHANGESET,
        "type": "production",
        "formats": Many("format", ["text/xml", "application/json"]),
    }
    document = {
        "changeset": CHANGESET,
        "contact": _("Your community office; see the site for its phone number."),
        "key_service": _("Keys are issued per client by the street office, in the admin."),
        "endpoints": Many("endpoint", [endpoint]),
    }
    return respond_one(fmt, "discovery", document)


@require_http_methods(["GET"])
@open311
def services(request, fmt: str):
    return respond(fmt, "services", "service", [catalog.service_row(c) for c in catalog.services()])


@require_http_methods(["GET"])
@open311
def service_definition(request, fmt: str, code: str):
    category = catalog.service(code)
    if category is None:
        raise Open311Error(404, _("Unknown service_code."))
    return respond_one(fmt, "service_definition", catalog.definition(category))


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311
def requests(request, fmt: str):
    if request.method == "POST":
        client = client_for(request.POST.get("api_key"))
        report = request_submit(
            params=request.POST, files=request.FILES, client=client, within=request.jurisdiction
        )
        row = {
            "service_request_id": report.tracking_number,
            "service_notice": catalog.service_notice(report.category),
            "account_id": "",
        }
        return respond(fmt, "service_requests", "request", [row], status=201)
    within = _readable_area(request)
    reports = feed.requests_matching(request.GET, within=within)
    return respond(fmt, "service_requests", "request", feed.request_rows(reports))


@require_http_methods(["GET"])
@open311
def request_detail(request, fmt: str, request_id: str):
    within = _readable_area(request)
    report = feed.published_reports(within=within).filter(tracking_number=request_id).first()
    if report is None:
        raise Open311Error(404, _("Unknown service_request_id."))
    return respond(fmt, "service_requests", "request", feed.request_rows([report]))


@require_http_methods(["GET"])
@open311
def token(request, fmt: str, token: str):
    try:
        key = uuid.UUID(token)
    except ValueError as error:
        raise Open311Error(404, _("Unknown token.")) from error
    within = _readable_area(request)
    reports = Report.objects.filter(submission_key=key)
    if within:
        reports = reports.filter(place__path__startswith=within.path)
    report = reports.first()
    if report is None:
        raise Open311Error(404, _("Unknown token."))
    return respond(
        fmt, "service_requests", "request", [{"service_request_id": report.tracking_number, "token": token}]
    )


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


@require_http_methods(["GET"])
@open311
def request_updates(request, fmt: str):
    """mySociety's extension: each step of each request in the period, as a status update."""
    within = _readable_area(request)
    start, end = feed.date_range(request.GET.get("start_date"), request.GET.get("end_date"))
    events = (
        TimelineEvent.objects.select_related("report")
        .filter(created_at__gte=start, created_at__lte=end)
        .order_by("created_at", "pk")
    )
    if within:
        events = events.filter(report__place__path__startswith=within.path)
    rows = [
        {
            "update_id": str(event.pk),
            "service_request_id": event.report.tracking_number,
            "status": MYSOCIETY_STATUS.get(event.status_after, "OPEN"),
            "updated_datetime": w3c(event.created_at),
            "description": event.note,
            "media_url": "",
        }
        for event in events[: feed.MAX_REQUESTS]
    ]
    return respond(fmt, "service_request_updates", "request_update", rows)


def _readable_area(request):
    """The area whose requests this call may read: the jurisdiction, narrowed to the client's own
    area when requests are not published to anyone (`OPEN311_PUBLIC_REQUESTS = False`)."""
    if feed.publishes_to_anyone():
        return request.jurisdiction
    client = client_for(request.GET.get("api_key"))
    if request.jurisdiction is None or client.place.is_within(request.jurisdiction):
        return client.place
    if request.jurisdiction.is_within(client.place):
        return request.jurisdiction
    raise Open311Error(403, _("This api_key may not read this jurisdiction."))
