"""
Measure the QR board sheet of a large compound: 100 buildings of 10 units, 1,000 unit doors.

    python benchmarks/boards.py [--buildings 100] [--units 10] [--per-page 6] [--keep out.pdf]

A throwaway SQLite database (or DATABASE_URL when --database-url is given) is migrated and
filled with one community and its compound; then the sheet is made twice: rendered straight
to memory, and through the Celery task (eager) as staff get it, with progress saves and storage.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--buildings", type=int, default=100)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--per-page", type=int, choices=[4, 6], default=6)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--keep", type=Path, help="also write the PDF here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/boards.sqlite3"
        os.environ["DJANGO_MEDIA_ROOT"] = f"{scratch}/media"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        import django

        django.setup()
        run(args)


def run(args) -> None:
    from django.core.management import call_command

    from apps.places.services import place_add
    from apps.reports import printing
    from apps.reports.boards import boards_post_for_doors
    from apps.reports.models import BoardSheet
    from apps.reports.printjobs import make_board_sheet

    call_command("migrate", verbosity=0)
    started = Clock()
    district = place_add(parent=None, name="示范区")
    street = place_add(parent=district, name="示范街道")
    community = place_add(parent=street, name="中上园社区", phone="010-60000001")
    compound = place_add(parent=community, name="中上园5号院")
    for b in range(1, args.buildings + 1):
        building = place_add(parent=compound, name=f"{b}号楼")
        for u in range(1, args.units + 1):
            place_add(parent=building, name=f"{u}单元")
    report("places built", started)

    started = Clock()
    boards = boards_post_for_doors(place=compound)
    report(f"{len(boards)} boards posted", started)

    started = Clock()
    cards = printing.cards_for(boards)
    report("labels and phones read", started)

    out = io.BytesIO()
    started = Clock()
    printing.sheet_pdf(cards, out, layout=printing.LAYOUTS[args.per_page])
    rendered = started.cpu_seconds()
    pages = -(-len(cards) // args.per_page)
    report(f"PDF rendered ({pages} pages, {len(out.getvalue()) / 1024:.0f} KiB)", started)
    print(f"{'':20}{rendered / len(cards) * 1000:.2f} ms cpu a board")

    sheet = BoardSheet.objects.create(place=compound)
    started = Clock()
    make_board_sheet(sheet.pk)
    sheet.refresh_from_db()
    report(f"task, end to end ({sheet.status}, {sheet.file.size / 1024:.0f} KiB)", started)
    if args.keep:
        args.keep.write_bytes(out.getvalue())
        print(f"PDF written to {args.keep}")


class Clock:
    """Wall and CPU seconds since it was made: on a busy machine the CPU time is the steadier figure."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.wall:8.2f} s {time.process_time() - self.cpu:8.2f} s cpu"

    def cpu_seconds(self) -> float:
        return time.process_time() - self.cpu


def report(what: str, clock: Clock) -> None:
    print(f"{clock}  {what}")


if __name__ == "__main__":
    main()
