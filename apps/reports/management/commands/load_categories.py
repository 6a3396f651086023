from django.core.management.base import BaseCommand

from apps.reports.categories import categories_load


class Command(BaseCommand):
    help = (
        "Load the report category catalog (8 major, 50+ minor categories) in Chinese and English; "
        "existing codes are kept, and given the catalog's English where they have none."
    )

    def handle(self, *args, **options):
        created = categories_load()
        self.stdout.write(f"{created} categories created.")
