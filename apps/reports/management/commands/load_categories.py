from django.core.management.base import BaseCommand

from apps.reports.categories import categories_load


class Command(BaseCommand):
    help = "Load the report category catalog (8 major, 50+ minor categories); existing codes are kept."

    def handle(self, *args, **options):
        created = categories_load()
        self.stdout.write(f"{created} categories created.")
