"""Writes about QR boards: posting them on every door of a place, counting scans, replacing them."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.places.models import Place, PlaceKind

from .models import Board


def boards_post_for_doors(*, place: Place) -> list[Board]:
    """One active unit-door board for every unit at or below `place`; existing boards are kept."""
    units = Place.objects.filter(path__startswith=place.path, kind=PlaceKind.UNIT).order_by("path")
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
    Board.objects.filter(pk=board.pk).update(scan_count=F("scan_count") + 1, last_scanned_at=timezone.now())


@transaction.atomic
def board_replace(*, board: Board) -> Board:
    """Revoke a board (lost, defaced, photographed and misused) and issue its successor."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.replaced_by_id:
        return board.replaced_by
    successor = Board.objects.create(place=board.place, spot=board.spot)
    board.revoked_at, board.replaced_by = timezone.now(), successor
    board.save(update_fields=["revoked_at", "replaced_by"])
    return successor
