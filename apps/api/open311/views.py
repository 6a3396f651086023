"""Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, requests
(GET and POST), tokens, and mySociety's servicerequestupdates. `.json` or `.xml` on every path;
`jurisdiction_id` accepted on every call; `page` and `page_size` on the lists."""

import uuid
from functools import wraps

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from apps.access.feeds import readable_by
from apps.reports.models import Report

from . import catalog, feed
from .answers import FeedCall, feed_answer, reader_of
from .formats import FORMATS, Many, Open311Error, respond, respond_error, respond_one
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
        return _request_post(request, fmt)
    return _request_list(request, fmt)


def _request_post(request, fmt: str):
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


@feed_answer
def _request_list(request, fmt: str, *, call: FeedCall):
    reports = feed.requests_matching(request.GET, reader=call.reader, page=call.page)
    return respond(fmt, "service_requests", "request", feed.request_rows(reports, view=call.reader.view))


@require_http_methods(["GET"])
@open311
@feed_answer
def request_detail(request, fmt: str, request_id: str, *, call: FeedCall):
    report = feed.published_reports(reader=call.reader).filter(tracking_number=request_id).first()
    if report is None:
        raise Open311Error(404, _("Unknown service_request_id."))
    return respond(fmt, "service_requests", "request", feed.request_rows([report], view=call.reader.view))


@require_http_methods(["GET"])
@open311
def token(request, fmt: str, token: str):
    try:
        key = uuid.UUID(token)
    except ValueError as error:
        raise Open311Error(404, _("Unknown token.")) from error
    report = readable_by(reader_of(request), Report.objects.filter(submission_key=key)).first()
    if report is None:
        raise Open311Error(404, _("Unknown token."))
    return respond(
        fmt, "service_requests", "request", [{"service_request_id": report.tracking_number, "token": token}]
    )


@require_http_methods(["GET"])
@open311
@feed_answer
def request_updates(request, fmt: str, *, call: FeedCall):
    """mySociety's extension: each step of each request in the period, as a status update."""
    events = feed.updates_matching(request.GET, reader=call.reader, page=call.page)
    return respond(
        fmt, "service_request_updates", "request_update", feed.update_rows(events, view=call.reader.view)
    )
