"""The feed's GET answers kept in the cache per query, reader, language and latest change, with the
ETag and Last-Modified that let a client ask again for nothing (304), and who may keep them."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from apps.access.feeds import FeedReader, FeedView, feed_reader
from apps.reports.models import TimelineEvent

from .feed import page_of
from .formats import Open311Error
from .intake import client_for

MAX_CACHE_SECONDS = 60


@dataclass(frozen=True)
class FeedCall:
    reader: FeedReader
    page: slice
    key: str
    changed_at: datetime | None


def feed_call(request) -> FeedCall:
    """Who reads, which page, and the cache key of the answer, worked out once per request."""
    if not hasattr(request, "open311_call"):
        reader = reader_of(request)
        page = page_of(request.GET, default_size=settings.OPEN311_PAGE_SIZE)
        latest_id, changed_at = latest_change()
        request.open311_call = FeedCall(reader, page, _key(request, reader, latest_id), changed_at)
    return request.open311_call


def reader_of(request) -> FeedReader:
    key = request.GET.get("api_key")
    client = client_for(key) if key is not None else None
    reader = feed_reader(client, request.jurisdiction)
    if reader is None and client is None:
        raise Open311Error(403, _("Invalid api_key."))
    if reader is None:
        raise Open311Error(403, _("This api_key may not read this jurisdiction."))
    return reader


def latest_change() -> tuple[int, datetime | None]:
    """Every new report and every step writes a timeline event: the newest one marks the data."""
    latest = TimelineEvent.objects.order_by("-pk").values_list("pk", "created_at").first()
    return latest or (0, None)


def _key(request, reader: FeedReader, latest_id: int) -> str:
    query = sorted(
        (name, value) for name, values in request.GET.lists() if name != "api_key" for value in values
    )
    area = reader.area.path if reader.area else ""
    parts = [request.path, query, reader.view, reader.client_id, area, get_language(), latest_id]
    return "open311:" + hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def feed_answer(view):
    """A GET of the feed: 304 when the client holds the current answer, else the answer from the
    cache or built by `view`; shared caches may keep the public view, never a key's."""

    def etag(request, *args, **kwargs):
        return feed_call(request).key.removeprefix("open311:")[:32]

    def last_modified(request, *args, **kwargs):
        return feed_call(request).changed_at

    @condition(etag_func=etag, last_modified_func=last_modified)
    def answered(request, *args, **kwargs):
        call = feed_call(request)
        kept = cache.get(call.key)
        if kept is None:
            response = view(request, *args, call=call, **kwargs)
            cache.set(call.key, (response.content, response["Content-Type"]), _seconds())
            return response
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)

    @wraps(view)
    def with_cache_control(request, *args, **kwargs):
        response = answered(request, *args, **kwargs)  # a 304 carries the same Cache-Control
        if feed_call(request).reader.view == FeedView.PUBLIC:
            patch_cache_control(response, public=True, max_age=_seconds())
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return with_cache_control


def _seconds() -> int:
    return min(getattr(settings, "OPEN311_CACHE_SECONDS", MAX_CACHE_SECONDS), MAX_CACHE_SECONDS)
