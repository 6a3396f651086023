"""Board sheets: a staff member asks for the boards of a place; a task makes the PDF and reports progress."""

import io
import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from apps.core.qr import check_printable_site_url
from apps.places.models import Place
from apps.places.selectors import place_label

from . import printing
from .boards import boards_post_for_doors
from .models import Board, BoardSheet

logger = logging.getLogger(__name__)

PRINT_PERMISSION = "reports.print_boards"
PROGRESS_EVERY = 25


def can_print_boards(user, place: Place) -> bool:
    """Permissions are anchored on places: ask about a board that would hang there."""
    return user.has_perm(PRINT_PERMISSION, Board(place=place))


def place_enclosing(places: list[Place]) -> Place | None:
    """The smallest place that holds all the given ones (none when there are none, or they lie in
    different districts)."""
    paths = [place.path for place in places]
    if not paths:
        return None
    prefix = min(paths, key=len)
    while prefix and not all(path.startswith(prefix) for path in paths):
        prefix = prefix[: -Place.steplen]
    return Place.objects.filter(path=prefix).first() if prefix else None


def board_sheet_write(
    *, place: Place, out, layout: printing.Layout = printing.LAYOUTS[6], on_progress=None
) -> int:
    """The PDF of every unit door's active board at or below `place`, missing boards posted first."""
    boards = boards_post_for_doors(place=place)
    if on_progress:
        on_progress(0, len(boards))
    return printing.sheet_pdf(
        printing.cards_for(boards),
        out,
        layout=layout,
        title=f"{printing.SLOGAN} · {place_label(place)}",
        on_progress=(lambda done: on_progress(done, len(boards))) if on_progress else None,
    )


def board_sheet_request(*, place: Place, requested_by) -> BoardSheet:
    if not can_print_boards(requested_by, place):
        raise PermissionDenied
    check_printable_site_url()
    sheet = BoardSheet.objects.create(place=place, requested_by=requested_by)
    transaction.on_commit(lambda: make_board_sheet.delay(sheet.pk))
    return sheet


@shared_task(acks_late=True)
def make_board_sheet(sheet_id: int) -> str:
    """Idempotent: a sheet already made is left as it is; one interrupted while running is made again."""
    sheet = _claim(sheet_id)
    if sheet is None:
        return "skipped"
    try:
        _make(sheet)
    except Exception as error:
        logger.exception("Board sheet %s failed", sheet_id)
        sheet.status, sheet.error = BoardSheet.Status.FAILED, f"{type(error).__name__}: {error}"
        sheet.finished_at = timezone.now()
        sheet.save(update_fields=["status", "error", "finished_at"])
    return sheet.status


@transaction.atomic
def _claim(sheet_id: int) -> BoardSheet | None:
    sheet = BoardSheet.objects.select_for_update().select_related("place").filter(pk=sheet_id).first()
    if sheet is None or sheet.status == BoardSheet.Status.DONE:
        return None
    sheet.status, sheet.error, sheet.boards_done, sheet.finished_at = BoardSheet.Status.RUNNING, "", 0, None
    sheet.save(update_fields=["status", "error", "boards_done", "finished_at"])
    return sheet


def _make(sheet: BoardSheet) -> None:
    def progress(done: int, total: int) -> None:
        if done == 0 or done % PROGRESS_EVERY == 0:
            sheet.boards_done, sheet.boards_total = done, total
            sheet.save(update_fields=["boards_done", "boards_total"])

    out = io.BytesIO()
    count = board_sheet_write(place=sheet.place, out=out, on_progress=progress)
    sheet.file.save("boards.pdf", ContentFile(out.getvalue()), save=False)
    sheet.status, sheet.boards_done, sheet.boards_total = BoardSheet.Status.DONE, count, count
    sheet.finished_at = timezone.now()
    sheet.save(update_fields=["file", "status", "boards_done", "boards_total", "finished_at"])
