"""
Rendering QR boards: one code as PNG or SVG, and an A4 sheet of cards with cut lines as PDF.

The PDF uses the CID font STSong-Light, for which PDF readers substitute a local Chinese typeface,
so no font file is shipped or embedded.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import qrcode
import qrcode.image.svg
from django.urls import reverse
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from apps.core.qr import absolute
from apps.places.models import Place, PlaceKind
from apps.places.selectors import place_labels

from .models import Board

SLOGAN = "码上说 马上办"
INSTRUCTION = "扫码反映问题，我们马上办"
FONT = "STSong-Light"
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_Q


def scan_url(board: Board) -> str:
    return absolute(reverse("reports:scan", args=[board.token]))


def qr_code(url: str, *, box_size: int = 10) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, box_size=box_size, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code


def board_png(board: Board, *, box_size: int = 10) -> bytes:
    out = io.BytesIO()
    qr_code(scan_url(board), box_size=box_size).make_image().save(out)
    return out.getvalue()


def board_svg(board: Board) -> bytes:
    image = qr_code(scan_url(board)).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode").encode()


@dataclass(frozen=True)
class Card:
    """What one board shows: its code, where it hangs, whom to call."""

    url: str
    label: str
    phone_line: str


def cards_for(boards: list[Board]) -> list[Card]:
    """Cards in the boards' order; labels and community phones in two queries."""
    places = [board.place for board in boards]
    labels = place_labels(places, from_kind=PlaceKind.COMPOUND)
    community_paths = {place.ancestor_path(PlaceKind.COMMUNITY) for place in places}
    communities = {
        c.path: c for c in Place.objects.filter(path__in=community_paths).only("path", "name", "phone")
    }
    cards = []
    for board in boards:
        community = communities.get(board.place.ancestor_path(PlaceKind.COMMUNITY))
        cards.append(
            Card(url=scan_url(board), label=labels[board.place_id], phone_line=_phone_line(community))
        )
    return cards


def _phone_line(community: Place | None) -> str:
    if community is None:
        return ""
    return f"{community.name} 电话 {community.phone}" if community.phone else community.name


@dataclass(frozen=True)
class Layout:
    columns: int = 2
    rows: int = 3
    margin: float = 10 * mm
    padding: float = 7 * mm

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def cell_size(self) -> tuple[float, float]:
        width, height = A4
        return (width - 2 * self.margin) / self.columns, (height - 2 * self.margin) / self.rows

    def cell_origin(self, index: int) -> tuple[float, float]:
        """Bottom-left corner of the index-th cell on a page, filled row by row from the top left."""
        row, column = divmod(index, self.columns)
        width, height = self.cell_size
        return self.margin + column * width, A4[1] - self.margin - (row + 1) * height


LAYOUTS = {4: Layout(columns=2, rows=2), 6: Layout(columns=2, rows=3)}


def sheet_pdf(
    cards: Iterable[Card],
    out,
    *,
    layout: Layout = LAYOUTS[6],
    title: str = SLOGAN,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write the cards to `out` (a path or a binary file), per_page to an A4 page; returns how many."""
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("共治")
    canvas.setCreator("共治")
    count = 0
    for count, card in enumerate(cards, start=1):
        index = (count - 1) % layout.per_page
        if index == 0 and count > 1:
            canvas.showPage()
        if index == 0:
            _cut_lines(canvas, layout)
        _card(canvas, card, layout, *layout.cell_origin(index))
        if on_progress:
            on_progress(count)
    if count == 0:
        _cut_lines(canvas, layout)
    canvas.save()
    return count


@cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _cut_lines(canvas: Canvas, layout: Layout) -> None:
    width, height = layout.cell_size
    left, bottom = layout.margin, layout.margin
    right, top = A4[0] - layout.margin, A4[1] - layout.margin
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    for column in range(layout.columns + 1):
        canvas.line(left + column * width, bottom, left + column * width, top)
    for row in range(layout.rows + 1):
        canvas.line(left, bottom + row * height, right, bottom + row * height)
    canvas.restoreState()


def _card(canvas: Canvas, card: Card, layout: Layout, x: float, y: float) -> None:
    width, height = layout.cell_size
    pad, inner, centre = layout.padding, width - 2 * layout.padding, x + width / 2
    scale = min(1.3, height / (90 * mm))
    text, small = 12 * scale, 10 * scale

    title_size = _title(canvas, card, centre, y + height - pad, inner, largest=15 * scale)
    canvas.setFont(_font(), text)
    canvas.drawCentredString(centre, y + pad + small * 1.4, INSTRUCTION)
    canvas.setFont(_font(), _fitting_size(card.phone_line, inner, largest=small))
    canvas.drawCentredString(centre, y + pad, card.phone_line)

    top, bottom = y + height - pad - title_size * 1.4, y + pad + small * 1.4 + text * 1.2
    side = min(inner, top - bottom)
    _qr(canvas, card.url, centre - side / 2, bottom + (top - bottom - side) / 2, side)


def _title(canvas: Canvas, card: Card, centre: float, top: float, width: float, *, largest: float) -> float:
    """'码上说 马上办 · label' on one line; the dot is drawn, as not every reader's substitute font has it."""
    size = _fitting_size(SLOGAN + "一" + card.label, width, largest=largest)
    slogan, gap = pdfmetrics.stringWidth(SLOGAN, _font(), size), size
    start = centre - (slogan + gap + pdfmetrics.stringWidth(card.label, _font(), size)) / 2
    baseline = top - size
    canvas.setFont(_font(), size)
    canvas.drawString(start, baseline, SLOGAN)
    canvas.circle(start + slogan + gap / 2, baseline + size * 0.36, size * 0.08, stroke=0, fill=1)
    canvas.drawString(start + slogan + gap, baseline, card.label)
    return size


def _fitting_size(text: str, width: float, *, largest: float, smallest: float = 6) -> float:
    natural = pdfmetrics.stringWidth(text, _font(), largest)
    return largest if natural <= width else max(smallest, largest * width / natural)


def _qr(canvas: Canvas, url: str, x: float, y: float, side: float) -> None:
    """The code as the outlines of its dark areas, quiet zone included in `side`.

    Outlines rather than one square per module: abutting squares leave hairlines in some readers.
    """
    matrix = qr_code(url).get_matrix()
    module = side / len(matrix)
    operators = []
    for (column, row), *rest in outlines(matrix):
        operators.append(f"{column} {row} m")
        operators.extend(f"{column} {row} l" for column, row in rest)
        operators.append("h")
    canvas.saveState()
    canvas.transform(module, 0, 0, -module, x, y + side)  # in modules, rows downwards: integer corners
    canvas.addLiteral("\n".join([*operators, "f"]))  # f: fill by the non-zero winding rule
    canvas.restoreState()


def outlines(matrix: list[list[bool]]) -> list[list[tuple[int, int]]]:
    """Closed loops of module corners (column, row) around the dark modules, dark on the same side."""
    size = len(matrix)

    def dark(row: int, column: int) -> bool:
        return 0 <= row < size and 0 <= column < size and matrix[row][column]

    following: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row in range(size):
        for column in range(size):
            if not matrix[row][column]:
                continue
            corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
            neighbours = [(row - 1, column), (row, column + 1), (row + 1, column), (row, column - 1)]
            for side, neighbour in enumerate(neighbours):
                if not dark(*neighbour):
                    following.setdefault(corners[side], []).append(corners[(side + 1) % 4])
    loops = []
    while following:
        start = point = next(iter(following))
        loop = []
        while not loop or point != start:
            loop.append(point)
            ends = following[point]
            point = ends.pop()
            if not ends:
                del following[loop[-1]]
        loops.append(_corners_only(loop))
    return loops


def _corners_only(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the points where the outline goes straight on."""
    return [
        point
        for before, point, after in zip([loop[-1], *loop[:-1]], loop, [*loop[1:], loop[0]], strict=True)
        if (point[0] - before[0], point[1] - before[1]) != (after[0] - point[0], after[1] - point[1])
    ]
