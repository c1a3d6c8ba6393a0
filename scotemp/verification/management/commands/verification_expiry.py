"""Daily verification housekeeping: expiry reminders and badge removal. Safe to run more often."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from scotemp.verification.actions import process_expiry
from scotemp.verification.tasks import verification_expiry


class Command(BaseCommand):
    help = "Remind owners 30 days before their verification expires and remove expired badges (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for the background worker instead of running it.",
        )

    def handle(self, *args, today=None, enqueue=False, verbosity=1, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date written YYYY-MM-DD.") from None
        if enqueue:
            result = verification_expiry.enqueue(today=day.isoformat() if day else None)
            if verbosity:
                self.stdout.write(f"Queued verification_expiry ({result.id}).")
            return
        counts = process_expiry(day)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Verification: {counts['reminded']} reminded, {counts['expired']} expired."
                )
            )
