"""Writes about QR boards: posting them on every door of a place, counting scans, replacing them."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.places.models import Place, PlaceKind
from apps.places.selectors import places_below

from .models import Board
from .selectors import board_cache_key


def boards_post_for_doors(*, place: Place) -> list[Board]:
    """One active unit-door board for every unit at or below `place`; existing boards are kept."""
    units = places_below(place, kind=PlaceKind.UNIT, include_self=True).order_by("path")
    have = set(
        Board.objects.filter(place__in=units, spot=Board.Spot.UNIT_DOOR, revoked_at__isnull=True).values_list(
            "place_id", flat=True
        )
    )
    Board.objects.bulk_create([Board(place=unit) for unit in units if unit.pk not in have])
    return list(
        Board.objects.filter(place__in=units, spot=Board.Spot.UNIT_DOOR, revoked_at__isnull=True)
        .select_related("place")
        .order_by("place__path")
    )


def board_scanned(*, board: Board) -> None:
    """Count a scan in the cache; every `REPORT_SCAN_FLUSH_EVERY` scans of a board are written at once.

    The cache's increment is atomic, so exactly one scan sees each multiple and writes that batch;
    what a restarted cache loses is fewer than one batch per board."""
    batch = settings.REPORT_SCAN_FLUSH_EVERY
    key = _scan_key(board.pk)
    cache.add(key, 0, timeout=None)
    try:
        counted = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)
        counted = 1
    if counted and counted % batch == 0:  # None: the cache is down and counts nothing
        Board.objects.filter(pk=board.pk).update(
            scan_count=F("scan_count") + batch, last_scanned_at=timezone.now()
        )


def scans_of(board: Board) -> int:
    """Scans written to the database plus those still counted in the cache."""
    return scans_of_boards([board])[board.pk]


def scans_of_boards(boards: list[Board]) -> dict[int, int]:
    """`scans_of` for many boards with one cache round trip."""
    counted = cache.get_many([_scan_key(board.pk) for board in boards])
    every = settings.REPORT_SCAN_FLUSH_EVERY
    return {board.pk: board.scan_count + (counted.get(_scan_key(board.pk)) or 0) % every for board in boards}


def _scan_key(board_id: int) -> str:
    return f"reports:board-scans:{board_id}"


@transaction.atomic
def board_replace(*, board: Board) -> Board:
    """Revoke a board (lost, defaced, photographed and misused) and issue its successor."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.replaced_by_id:
        return board.replaced_by
    successor = Board.objects.create(place=board.place, spot=board.spot)
    board.revoked_at, board.replaced_by = timezone.now(), successor
    board.save(update_fields=["revoked_at", "replaced_by"])
    cache.delete(board_cache_key(board.token))  # and again once committed, in case a scan re-cached it
    transaction.on_commit(lambda: cache.delete(board_cache_key(board.token)))
    return successor
