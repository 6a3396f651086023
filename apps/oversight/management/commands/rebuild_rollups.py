from django.core.management.base import BaseCommand

from apps.oversight.rollups import rollups_rebuild


class Command(BaseCommand):
    help = "Count every report again into the daily rollups the oversight pages read."

    def handle(self, *args, **options):
        written = rollups_rebuild()
        self.stdout.write(f"{written} rollup rows written")
