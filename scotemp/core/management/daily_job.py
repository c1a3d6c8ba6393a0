"""Base for the daily housekeeping commands: run the job now, for a given day, or queue its task."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class DailyJobCommand(BaseCommand):
    """Subclasses set ``task`` (a django_tasks task taking ``today`` as an ISO date or None) and
    implement ``run(day)`` (the action, returning the summary line to print)."""

    task = None

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for the background worker instead of running it.",
        )

    def run(self, day: datetime.date | None) -> str:
        raise NotImplementedError

    def handle(self, *args, today=None, enqueue=False, verbosity=1, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date written YYYY-MM-DD.") from None
        if enqueue:
            result = self.task.enqueue(today=day.isoformat() if day else None)
            if verbosity:
                self.stdout.write(f"Queued {self.task.name} ({result.id}).")
            return
        summary = self.run(day)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(summary))
