import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.core.qr import check_printable_site_url
from apps.places.models import Place
from apps.places.selectors import place_label
from apps.reports.printing import LAYOUTS
from apps.reports.printjobs import board_sheet_write


class Command(BaseCommand):
    help = "Write the PDF sheet of QR boards for every unit door below a place, posting missing boards."

    def add_arguments(self, parser):
        parser.add_argument("place_id", type=int)
        parser.add_argument("-o", "--output", default="boards.pdf", help="Where to write the PDF.")
        parser.add_argument("--per-page", type=int, choices=sorted(LAYOUTS), default=6)

    def handle(self, *args, place_id, output, per_page, **options):
        try:
            check_printable_site_url()
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        place = Place.objects.filter(pk=place_id).first()
        if place is None:
            raise CommandError(f"No place with id {place_id}.")
        started = time.perf_counter()
        count = board_sheet_write(place=place, out=output, layout=LAYOUTS[per_page])
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{count} boards of {place_label(place)} written to {output} in {elapsed:.2f} s.")
