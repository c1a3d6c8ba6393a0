"""Rebuild the directory's search index (SearchToken rows and profiles' search_text)."""

import time

from django.core.management.base import BaseCommand

from scotemp.directory.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the directory search index for every organization (idempotent)."

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()

        def progress(done, total):
            if verbosity:
                self.stdout.write(f"  indexed {done}/{total} organizations")

        total = reindex_all(progress=progress)
        if verbosity:
            elapsed = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Directory index rebuilt: {total} organizations in {elapsed:.1f} s.")
            )
