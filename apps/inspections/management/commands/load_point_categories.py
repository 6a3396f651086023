from django.core.management.base import BaseCommand

from apps.inspections.catalog import catalog_load


class Command(BaseCommand):
    help = "Load the 39 inspection point categories and their standards; existing codes are kept."

    def handle(self, *args, **options):
        self.stdout.write(f"{catalog_load()} categories and standards created.")
