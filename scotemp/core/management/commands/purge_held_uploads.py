"""Delete the files kept for forms that came back with errors, a day after they were chosen."""

from django.core.management.base import BaseCommand

from scotemp.core import uploads


class Command(BaseCommand):
    help = "Delete files kept for forms with errors (core.uploads) older than 24 hours."

    def handle(self, *args, verbosity=1, **options):
        deleted = uploads.purge()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} kept uploads older than 24 hours."))
