"""``manage.py import_network legs.csv``: adds or updates legs of the corridor network from a CSV
with the columns of ``data/legs.csv``. Every row is checked first; one bad row refuses the file."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ...actions.network import import_legs


class Command(BaseCommand):
    help = "Import legs of the corridor network from a CSV file (columns of data/legs.csv)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help="CSV file with the columns of data/legs.csv (source_date, confidence, notes optional)",
        )

    def handle(self, path, **options):
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        try:
            count = import_legs(text)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"{count} legs imported.")
