from django.core.management.base import BaseCommand

from scotemp.reference.actions import load_reference


class Command(BaseCommand):
    help = (
        "Load the reference tables (currencies, countries and SCO status, HS 2022, Incoterms 2020, "
        "units, locations) from scotemp/reference/data. Safe to run again: unchanged rows are left alone."
    )

    def handle(self, *args, verbosity=1, **options):
        load_reference(stdout=self.stdout, verbosity=verbosity)
