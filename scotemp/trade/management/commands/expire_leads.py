"""Daily lead housekeeping: published leads past their validity become expired. Safe to run often."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from scotemp.trade.actions import expire_leads
from scotemp.trade.tasks import expire_leads as expire_leads_task


class Command(BaseCommand):
    help = "Expire published leads whose validity has ended (run daily)."

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
            result = expire_leads_task.enqueue(today=day.isoformat() if day else None)
            if verbosity:
                self.stdout.write(f"Queued expire_leads ({result.id}).")
            return
        ids = expire_leads(day)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Leads: {len(ids)} expired."))
