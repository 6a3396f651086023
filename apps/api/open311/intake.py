"""POST requests: an Open311 client's report enters the same intake as the QR page
(`report_submit`: routing, deadlines, the three rates). Everything is checked before anything is
written, so a refused request leaves nothing behind."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.access.feeds import client_covers
from apps.core.photos import accept_photo, check_photo_count
from apps.core.refusals import refusal_message
from apps.reports.models import Report
from apps.reports.services import report_submit

from ..models import ApiClient
from ..selectors import client_by_key
from .catalog import ATTRIBUTE_CODES, MAX_ON_BEHALF, service
from .formats import Open311Error
from .locate import place_from

MAX_DESCRIPTION = 4000
ATTRIBUTE_KEY = re.compile(r"^attribute\[(?P<code>[^\[\]]*)\](?P<many>\[\])?$")


def client_for(api_key: str | None) -> ApiClient:
    client = client_by_key(api_key or "")
    if client is None:
        raise Open311Error(403, _("Invalid api_key."))
    return client


def request_submit(*, params, files, client: ApiClient, within) -> Report:
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = service(code)
    if category is None:
        raise Open311Error(404, _("Unknown service_code."))
    description = params.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description may not be longer than 4,000 characters."))
    attributes = _attributes(params)
    place = place_from(params, within=within)
    if not client_covers(client, place):
        raise Open311Error(403, _("This api_key may not report at this location."))
    uploads = files.getlist("media")
    token = uuid.uuid4()
    try:
        check_photo_count(uploads)
        photos = [accept_photo(upload) for upload in uploads]
        return report_submit(
            place=place,
            category=category,
            description=description,
            source=Report.Source.API,
            photos=photos,
            contact_phone=params.get("phone", ""),
            on_behalf_of=attributes.get("on_behalf_of", ""),
            urgent=True if attributes.get("urgent") == "yes" else None,
            submission_key=token,
            external_reference=f"open311:{client.pk}",
        )
    except ValidationError as refused:
        raise Open311Error(400, refusal_message(refused)) from refused


def _attributes(params) -> dict[str, str]:
    """attribute[code]=value pairs, checked against the service definition."""
    found = {}
    for key in params:
        if not key.startswith("attribute"):
            continue
        match = ATTRIBUTE_KEY.match(key)
        attribute = ATTRIBUTE_CODES.get(match["code"]) if match else None
        if attribute is None or match["many"]:
            raise Open311Error(400, _("Unknown or malformed attribute: %(key)s.") % {"key": key[:60]})
        values = params.getlist(key)
        value = values[0].strip() if len(values) == 1 else None
        if value is None or (attribute.values and value not in dict(attribute.values)):
            raise Open311Error(400, _("Not a valid value for attribute %(code)s.") % {"code": attribute.code})
        if attribute.datatype == "string" and len(value) > MAX_ON_BEHALF:
            raise Open311Error(400, _("Not a valid value for attribute %(code)s.") % {"code": attribute.code})
        found[attribute.code] = value
    return found
