"""Who reads the Open311 feed and how much: anyone gets the public view of the requests (while the
site publishes them), an outside system's key the full view of the requests below its place."""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db.models import QuerySet

from apps.places.models import Place, PlaceKind, depth_of

# The finest place the public view names: a compound or a building, never a unit or a household.
PUBLIC_FINEST_DEPTH = depth_of(PlaceKind.BUILDING)


class FeedView(StrEnum):
    PUBLIC = "public"  # category, status, place to the building, dates, handlers' replies redacted
    FULL = "full"  # everything a report carries but the reporter's identity and phone


@dataclass(frozen=True)
class FeedReader:
    view: FeedView
    area: Place | None  # None: the whole site
    client_id: int | None = None


def publishes_to_anyone() -> bool:
    return getattr(settings, "OPEN311_PUBLIC_REQUESTS", True)


def client_covers(client, place: Place) -> bool:
    """A key acts for the places below its own: it reports there and reads them in full."""
    return place.is_within(client.place)


def feed_reader(client, jurisdiction: Place | None) -> FeedReader | None:
    """What a call reads: the public view without a key, the full view of the key's area (narrowed
    to the jurisdiction asked for) with one; None when it may read nothing."""
    if client is None:
        return FeedReader(FeedView.PUBLIC, jurisdiction) if publishes_to_anyone() else None
    if jurisdiction is not None and client_covers(client, jurisdiction):
        return FeedReader(FeedView.FULL, jurisdiction, client.pk)
    if jurisdiction is None or client.place.is_within(jurisdiction):
        return FeedReader(FeedView.FULL, client.place, client.pk)
    return None


def readable_by(reader: FeedReader, queryset: QuerySet, *, place: str = "place") -> QuerySet:
    """The queryset twin of the reader's area: the objects whose `place` lies within it."""
    if reader.area is None:
        return queryset
    return queryset.filter(**{f"{place}__path__startswith": reader.area.path})
