"""The follow page's reads: the report behind a private link in one query, and its public timeline
from the cache for as long as the report's latest step stays the same.

Steps and their photos are only ever added, and so are the units called in, each with its step
("summon", "add_cohandler") in the same transaction; a resident's photos come a moment after their
step, once re-encoded (photo_uploads.py). The ids of the latest step and the latest photo name the
timeline's version, the cache's key carries it, and what is new is read on the next visit.
Names of places and units renamed meanwhile show once the entry expires."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache as kept

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.db.models import Exists, OuterRef, Subquery

from apps.access.files import granted_url
from apps.core.statements import KeptStatement, statement_kept
from apps.places.models import Place
from apps.places.selectors import place_label

from .joined_units import UNIT_ACTIONS, JoinedUnit
from .lifecycle import event_label
from .models import ActorKind, Category, Photo, PhotoUpload, Report, TimelineEvent

# the page's timeline is kept rendered as long, its photo links valid long after it is served
TIMELINE_TTL = min(600, settings.FILE_GRANT_SECONDS // 6)
# what the page shows of a report, its place and its category, and what the ORM needs to load them
_SHOWN = {
    Report: (
        *("id", "tracking_number", "place", "category", "description", "status", "reporter"),
        *("resolve_due", "resolved_at", "satisfaction", "rated_by"),
    ),
    Place: ("id", "path", "name"),
    Category: ("id", "name", "name_zh_hans", "name_en", "needs_review"),
}
_VERSION = ("last_step", "last_photo", "photos_waiting")
_ANY_TOKEN = "-any-follow-token-"


@dataclass(frozen=True)
class Step:
    action: str
    actor_kind: str
    created_at: datetime
    note: str
    photos: tuple[tuple[str, str], ...]  # the file names of each photo and its thumbnail

    @property
    def label(self) -> str:
        return event_label(self.action)

    @property
    def actor(self) -> str:
        return dict(ActorKind.choices).get(self.actor_kind, self.actor_kind)

    @property
    def public_photos(self) -> list[tuple[str, str]]:
        """Links to each photo and its thumbnail carrying a grant from now."""
        return [(granted_url(image), granted_url(thumbnail)) for image, thumbnail in self.photos]


@dataclass(frozen=True)
class Timeline:
    place_label: str
    called_in: list[str]
    steps: list[Step]


def report_for_follower(token: str) -> Report | None:
    """The report behind a private follow link with what its page shows of it, its category and
    place, the ids of its latest step and photo (the timeline's version), and whether photos sent
    with it are still being re-encoded: one statement the ORM writes once (`_follower_query`)."""
    alias = router.db_for_read(Report)
    row = next(iter(_follower_statement(alias).rows(token=token)), None)
    return None if row is None else _report_of(row, alias)


def _follower_query(token: str):
    latest_step = TimelineEvent.objects.filter(report=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    latest_photo = Photo.objects.filter(report=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    return (
        Report.objects.filter(follow_token=token)
        .annotate(
            last_step=Subquery(latest_step),
            last_photo=Subquery(latest_photo),
            photos_waiting=Exists(PhotoUpload.objects.filter(report=OuterRef("pk"))),
        )
        .order_by()
        .values_list(
            *_columns(Report), *_columns(Place, "place__"), *_columns(Category, "category__"), *_VERSION
        )[:1]
    )


@kept
def _follower_statement(alias: str) -> KeptStatement:
    return statement_kept(_follower_query(_ANY_TOKEN), alias, token=_ANY_TOKEN)


@kept
def _columns(model, prefix: str = "") -> tuple[str, ...]:
    """The model's shown fields in its own order, as `from_db` takes them."""
    shown = _SHOWN[model]
    return tuple(f"{prefix}{f.attname}" for f in model._meta.concrete_fields if f.name in shown)


def _report_of(row: tuple, alias: str) -> Report:
    values = iter(row)
    loaded = {model: [next(values) for _ in _columns(model)] for model in (Report, Place, Category)}
    report = Report.from_db(alias, _columns(Report), loaded[Report])
    report.place = Place.from_db(alias, _columns(Place), loaded[Place])
    report.category = Category.from_db(alias, _columns(Category), loaded[Category])
    report.last_step, report.last_photo, report.photos_waiting = values
    return report


def timeline_version(report: Report) -> str:
    return f"{report.pk}:{report.place_id}:{report.last_step}:{report.last_photo}"


def timeline_of(report: Report) -> Timeline:
    """The report's public timeline: from the cache, else read and kept under the report's version."""
    key = f"reports:follow:{timeline_version(report)}"
    timeline = cache.get(key)
    if timeline is None:
        timeline = _timeline_read(report)
        cache.set(key, timeline, TIMELINE_TTL)
    return timeline


def _timeline_read(report: Report) -> Timeline:
    photos = {}
    for photo in Photo.objects.filter(report=report, event__isnull=False).order_by("pk"):
        photos.setdefault(photo.event_id, []).append((photo.image.name, photo.thumbnail.name))
    events = TimelineEvent.objects.filter(report=report).exclude(action__in=UNIT_ACTIONS)
    units = JoinedUnit.objects.filter(report=report).values_list("department__name", flat=True)
    return Timeline(
        place_label=place_label(report.place),
        called_in=sorted(set(units)),
        steps=[
            Step(e.action, e.actor_kind, e.created_at, e.note, tuple(photos.get(e.pk, ())))
            for e in events.order_by("created_at", "pk")
        ],
    )
