import io
from itertools import pairwise

import pypdfium2
import pytest
import resvg_py
import zxingcpp
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from apps.core import qr
from apps.places.models import Place, PlaceKind
from apps.places.selectors import place_labels
from apps.places.services import place_add
from apps.reports import printing, printjobs
from apps.reports.boards import board_replace
from apps.reports.models import Board, BoardSheet
from apps.reports.printjobs import board_sheet_request, make_board_sheet

PDF_SCALE = 1.5  # 108 dpi: about six pixels to a module


@pytest.fixture
def compound(world, unit_a1) -> Place:
    """The compound of community 甲1, grown to seven unit doors over three buildings: two A4 pages."""
    compound = Place.objects.get(path=unit_a1.ancestor_path(PlaceKind.COMPOUND))
    first = Place.objects.get(path=unit_a1.ancestor_path(PlaceKind.BUILDING))
    place_add(parent=first, name="2单元")
    for number, units in [(2, 2), (3, 3)]:
        building = place_add(parent=compound, name=f"{number}号楼")
        for unit in range(1, units + 1):
            place_add(parent=building, name=f"{unit}单元")
    return compound


@pytest.fixture
def sheet(world, compound) -> BoardSheet:
    return BoardSheet.objects.create(place=compound, requested_by=world.staff_a1)


def units_below(place: Place) -> list[Place]:
    return list(Place.objects.filter(path__startswith=place.path, kind=PlaceKind.UNIT).order_by("path"))


def active_urls(place: Place) -> list[str]:
    boards = Board.objects.filter(place__in=units_below(place), revoked_at__isnull=True).order_by(
        "place__path"
    )
    return [printing.scan_url(board) for board in boards]


def decode(image: Image.Image) -> str:
    found = zxingcpp.read_barcode(image)
    assert found is not None, "no QR code found"
    return found.text


def pdf_pages(data: bytes) -> list[pypdfium2.PdfPage]:
    return list(pypdfium2.PdfDocument(data))


def codes_in_pdf(data: bytes, layout: printing.Layout = printing.LAYOUTS[6]) -> list[str]:
    """Decode each cell of each page on its own, top left to bottom right: the order staff cut them in."""
    width, height = (size * PDF_SCALE for size in layout.cell_size)
    texts = []
    for page in pdf_pages(data):
        image = page.render(scale=PDF_SCALE).to_pil()
        for index in range(layout.per_page):
            x, y = layout.cell_origin(index)
            left, top = x * PDF_SCALE, image.height - y * PDF_SCALE - height
            cell = image.crop((round(left), round(top), round(left + width), round(top + height)))
            found = zxingcpp.read_barcode(cell)
            if found is not None:
                texts.append(found.text)
    return texts


def pdf_text(data: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdf_pages(data))


def made(sheet: BoardSheet) -> bytes:
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    with sheet.file.open("rb") as pdf:
        return pdf.read()


# -- one board as an image --


def test_the_png_decodes_to_the_absolute_scan_url_of_its_board(board, settings):
    settings.SITE_URL = "https://gongzhi.example.cn/"
    text = decode(Image.open(io.BytesIO(printing.board_png(board))))
    assert text == f"https://gongzhi.example.cn/s/{board.token}/"


def test_the_svg_renders_to_a_code_of_the_same_url(board):
    png = resvg_py.svg_to_bytes(
        svg_string=printing.board_svg(board).decode(), background="white", dpi=96, zoom=4
    )
    assert decode(Image.open(io.BytesIO(bytes(png)))) == printing.scan_url(board)
    assert printing.scan_url(board).endswith(reverse("reports:scan", args=[board.token]))


def test_staff_download_the_images_of_boards_in_their_community(client, world, board):
    client.force_login(world.staff_a1)
    png = client.get(reverse("admin:reports_board_png", args=[board.pk]))
    svg = client.get(reverse("admin:reports_board_svg", args=[board.pk]))
    assert png["Content-Type"] == "image/png"
    assert decode(Image.open(io.BytesIO(png.content))) == printing.scan_url(board)
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"].startswith("attachment;")


def test_staff_of_another_community_get_404_for_the_images(client, world, board):
    client.force_login(world.staff_b1)
    assert client.get(reverse("admin:reports_board_png", args=[board.pk])).status_code == 404
    assert client.get(reverse("admin:reports_board_svg", args=[board.pk])).status_code == 404
    assert client.get(reverse("admin:reports_board_png", args=[board.pk + 1000])).status_code == 404


def test_a_revoked_board_has_no_image_to_download(client, world, board):
    board_replace(board=board)
    client.force_login(world.staff_a1)
    assert client.get(reverse("admin:reports_board_png", args=[board.pk])).status_code == 404


# -- the sheet --


def test_the_outlines_drawn_on_the_sheet_enclose_exactly_the_dark_modules():
    matrix = printing.qr_code("http://127.0.0.1:8000/s/abcdefghijklmnopqrstuv/").get_matrix()
    edges = [(a, b) for loop in printing.outlines(matrix) for a, b in pairwise([*loop, loop[0]])]

    def winding(x: float, y: float) -> int:
        """Signed crossings of the vertical edges to the right of (x, y)."""
        crossing = [(a, b) for a, b in edges if a[0] == b[0] > x and min(a[1], b[1]) < y < max(a[1], b[1])]
        return sum(1 if b[1] > a[1] else -1 for a, b in crossing)

    size = len(matrix)
    filled = [[winding(column + 0.5, row + 0.5) != 0 for column in range(size)] for row in range(size)]
    assert filled == matrix


def test_every_code_on_the_sheet_decodes_to_its_unit_in_order(sheet, compound):
    codes = codes_in_pdf(made(sheet))
    assert len(codes) == 7
    assert codes == active_urls(compound)
    assert all("/s/" in code for code in codes)


def test_the_sheet_labels_every_unit_and_gives_the_community_phone(sheet, compound, world):
    data = made(sheet)
    text, units = pdf_text(data), units_below(compound)
    for label in place_labels(units).values():
        assert label in text
    assert text.count(printing.INSTRUCTION) == len(units)
    assert world.community_a1.phone in text
    assert len(pdf_pages(data)) == 2


def test_the_sheet_can_hold_four_boards_to_a_page(world, compound):
    out = io.BytesIO()
    printjobs.board_sheet_write(place=compound, out=out, layout=printing.LAYOUTS[4])
    assert len(pdf_pages(out.getvalue())) == 2
    assert codes_in_pdf(out.getvalue(), printing.LAYOUTS[4]) == active_urls(compound)


def test_a_revoked_board_is_not_printed_but_its_successor_is(sheet, compound, board):
    successor = board_replace(board=board)
    codes = codes_in_pdf(made(sheet))
    assert printing.scan_url(board) not in codes
    assert codes[0] == printing.scan_url(successor)
    assert len(codes) == 7


def test_the_task_marks_the_sheet_done_with_its_counts(sheet):
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.boards_done, sheet.boards_total) == (BoardSheet.Status.DONE, 7, 7)
    assert sheet.file.name.endswith(".pdf")
    assert sheet.finished_at is not None


def test_the_task_saves_progress_while_it_renders(sheet, monkeypatch):
    monkeypatch.setattr(printjobs, "PROGRESS_EVERY", 3)
    seen, render = [], printing.sheet_pdf

    def watched(cards, out, *, on_progress, **options):
        def progress(done):
            on_progress(done)
            seen.append(
                BoardSheet.objects.values_list("status", "boards_done", "boards_total").get(pk=sheet.pk)
            )

        return render(cards, out, on_progress=progress, **options)

    monkeypatch.setattr(printing, "sheet_pdf", watched)
    make_board_sheet(sheet.pk)
    assert [done for _, done, _ in seen] == [0, 0, 3, 3, 3, 6, 6]
    assert {(status, total) for status, _, total in seen} == {(BoardSheet.Status.RUNNING, 7)}


def test_the_task_marks_the_sheet_failed_when_rendering_raises(sheet, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(printing, "sheet_pdf", broken)
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    assert sheet.status == BoardSheet.Status.FAILED
    assert "printer on fire" in sheet.error
    assert sheet.finished_at is not None
    assert not sheet.file


def test_running_the_task_again_does_not_remake_a_done_sheet(sheet, monkeypatch):
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    first = sheet.file.name
    monkeypatch.setattr(printing, "sheet_pdf", lambda *args, **kwargs: pytest.fail("remade"))
    assert make_board_sheet(sheet.pk) == "skipped"
    sheet.refresh_from_db()
    assert (sheet.status, sheet.file.name) == (BoardSheet.Status.DONE, first)


def test_a_sheet_left_running_by_a_lost_worker_is_made_when_redelivered(sheet):
    BoardSheet.objects.filter(pk=sheet.pk).update(status=BoardSheet.Status.RUNNING, boards_done=5)
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.boards_done) == (BoardSheet.Status.DONE, 7)


# -- asking for a sheet --


def test_staff_request_a_sheet_of_their_community_and_it_is_queued_on_commit(
    world, compound, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sheet = board_sheet_request(place=compound, requested_by=world.staff_a1)
    sheet.refresh_from_db()
    assert len(callbacks) == 1
    assert (sheet.status, sheet.boards_total) == (BoardSheet.Status.DONE, 7)


def test_staff_cannot_request_a_sheet_outside_their_community(world, compound):
    with pytest.raises(PermissionDenied):
        board_sheet_request(place=compound, requested_by=world.staff_b1)
    with pytest.raises(PermissionDenied):
        board_sheet_request(place=world.street_a, requested_by=world.staff_a1)
    assert not BoardSheet.objects.exists()


def test_the_admin_print_page_requests_a_sheet_and_shows_its_progress(
    client, world, compound, django_capture_on_commit_callbacks
):
    client.force_login(world.staff_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:reports_board_print"), {"place": compound.pk})
    sheet = BoardSheet.objects.get()
    assert response["Location"] == reverse("admin:reports_boardsheet_progress", args=[sheet.pk])
    page = client.get(response["Location"]).content.decode()
    assert "7 / 7" in page
    assert 'http-equiv="refresh"' not in page
    assert reverse("admin:reports_boardsheet_pdf", args=[sheet.pk]) in page


def test_the_admin_print_page_refuses_a_place_outside_the_community(client, world):
    client.force_login(world.staff_a1)
    response = client.post(reverse("admin:reports_board_print"), {"place": world.community_b1.pk})
    assert response.status_code == 200
    assert "place" in response.context["form"].errors
    assert not BoardSheet.objects.exists()


def test_the_progress_page_refreshes_itself_until_the_sheet_is_made(client, world, sheet):
    BoardSheet.objects.filter(pk=sheet.pk).update(
        status=BoardSheet.Status.RUNNING, boards_done=25, boards_total=80
    )
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_boardsheet_progress", args=[sheet.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "25 / 80" in page
    assert reverse("admin:reports_boardsheet_pdf", args=[sheet.pk]) not in page


def test_the_print_action_requests_a_sheet_of_the_place_holding_the_selected_boards(
    client, world, compound, django_capture_on_commit_callbacks
):
    units = units_below(compound)
    Board.objects.bulk_create([Board(place=unit) for unit in units[4:]])  # the three units of 3号楼
    client.force_login(world.staff_a1)
    selected = list(Board.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reports_board_changelist"),
            {"action": "print_selected_places", "_selected_action": selected},
        )
    sheet = BoardSheet.objects.get()
    assert response["Location"] == reverse("admin:reports_boardsheet_progress", args=[sheet.pk])
    assert sheet.place == Place.objects.get(path=units[4].ancestor_path(PlaceKind.BUILDING))
    assert sheet.boards_total == 3


def test_staff_download_the_pdf_of_their_sheet(client, world, sheet):
    made(sheet)
    client.force_login(world.staff_a1)
    response = client.get(reverse("admin:reports_boardsheet_pdf", args=[sheet.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(codes_in_pdf(b"".join(response.streaming_content))) == 7


def test_staff_of_another_community_get_404_for_the_sheet(client, world, sheet):
    made(sheet)
    client.force_login(world.staff_b1)
    assert client.get(reverse("admin:reports_boardsheet_pdf", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("admin:reports_boardsheet_progress", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("admin:reports_boardsheet_pdf", args=[sheet.pk + 1000])).status_code == 404


# -- the command --


def test_the_command_writes_the_sheet_posting_missing_boards(compound, tmp_path):
    out = io.StringIO()
    call_command("print_boards", str(compound.pk), "-o", str(tmp_path / "boards.pdf"), stdout=out)
    assert out.getvalue().startswith("7 boards")
    assert codes_in_pdf((tmp_path / "boards.pdf").read_bytes()) == active_urls(compound)


def test_the_board_list_links_to_the_print_page_and_the_images(client, world, board, sheet):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_board_changelist")).content.decode()
    assert reverse("admin:reports_board_print") in page
    assert reverse("admin:reports_board_png", args=[board.pk]) in page
    sheets = client.get(reverse("admin:reports_boardsheet_changelist")).content.decode()
    assert reverse("admin:reports_boardsheet_progress", args=[sheet.pk]) in sheets
    assert client.get(reverse("admin:reports_board_print")).status_code == 200
    assert client.get(reverse("admin:reports_boardsheet_change", args=[sheet.pk])).status_code == 200


def test_the_board_list_counts_the_scans_still_in_the_cache(client, world, board):
    from apps.reports.boards import board_scanned

    for _ in range(3):
        board_scanned(board=board)
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_board_changelist")).content.decode()
    assert '<td class="field-scans">3</td>' in page


def test_the_print_action_on_boards_out_of_reach_says_so_instead_of_failing(client, world, compound):
    units = units_below(compound)
    Board.objects.bulk_create([Board(place=unit) for unit in units[4:]])
    client.force_login(world.staff_b1)
    response = client.post(
        reverse("admin:reports_board_changelist"),
        {
            "action": "print_selected_places",
            "_selected_action": list(Board.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert not BoardSheet.objects.exists()


# -- the address the codes carry --


@pytest.mark.parametrize(
    "site_url, loopback",
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000/", True),
        ("http://[::1]:8000", True),
        ("http://0.0.0.0:8000", True),
        ("https://gongzhi.tongzhou.gov.cn", False),
        ("http://192.168.1.20:8000", False),
    ],
)
def test_a_loopback_site_url_is_told_apart_from_a_reachable_one(settings, site_url, loopback):
    settings.SITE_URL = site_url
    assert qr.site_url_is_loopback() is loopback


def test_the_print_page_shows_the_address_the_codes_will_carry(client, world, settings):
    settings.SITE_URL = "https://gongzhi.tongzhou.gov.cn/"
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_board_print")).content.decode()
    assert "<strong>https://gongzhi.tongzhou.gov.cn</strong>" in page


def test_outside_development_boards_are_not_printed_with_a_loopback_address(
    client, world, compound, settings, tmp_path
):
    settings.SITE_URL, settings.PRINT_LOOPBACK_ADDRESSES = "http://127.0.0.1:8000", False
    client.force_login(world.staff_a1)
    response = client.post(reverse("admin:reports_board_print"), {"place": compound.pk})
    assert response.status_code == 200
    assert "SITE_URL" in " ".join(response.context["form"].non_field_errors())
    Board.objects.bulk_create([Board(place=unit) for unit in units_below(compound)])
    response = client.post(
        reverse("admin:reports_board_changelist"),
        {
            "action": "print_selected_places",
            "_selected_action": list(Board.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert "SITE_URL" in response.content.decode()
    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("print_boards", str(compound.pk), "-o", str(tmp_path / "boards.pdf"))
    assert not BoardSheet.objects.exists()
    assert not (tmp_path / "boards.pdf").exists()


def test_with_a_public_address_the_codes_carry_it(client, world, compound, settings):
    settings.SITE_URL, settings.PRINT_LOOPBACK_ADDRESSES = "https://gongzhi.tongzhou.gov.cn", False
    sheet = board_sheet_request(place=compound, requested_by=world.staff_a1)
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    urls = codes_in_pdf(sheet.file.read())
    assert urls and all(url.startswith("https://gongzhi.tongzhou.gov.cn/s/") for url in urls)
