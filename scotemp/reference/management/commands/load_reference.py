from django.core.management.base import BaseCommand

from scotemp.reference.actions import load_reference


class Command(BaseCommand):
    help = (
        "Load the reference tables (currencies, countries and SCO status, HS 2022, Incoterms 2020, "
        "units, locations) from scotemp/reference/data. Safe to run again: unchanged rows are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--curated-places-only",
            action="store_true",
            help="Load only the places named in Chinese and Russian (locations.csv), not the UN/LOCODE "
            "list (for tests that need no more).",
        )

    def handle(self, *args, verbosity=1, curated_places_only=False, **options):
        load_reference(stdout=self.stdout, verbosity=verbosity, curated_places_only=curated_places_only)
