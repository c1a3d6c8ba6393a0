"""Recompute the stored matches of every open lead (after a change of the scoring, or for the demo).

    manage.py rematch_leads [--notify] [--enqueue]

Runs in the foreground with progress by default; ``--enqueue`` hands the job to the task queue
(``scotemp.trade.tasks.matching.rematch_everything``) instead. Notifications are off unless ``--notify``."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute the matches of every open lead."

    def add_arguments(self, parser):
        parser.add_argument("--notify", action="store_true", help="notify both sides of new matches")
        parser.add_argument("--enqueue", action="store_true", help="run it as a background task")

    def handle(self, *args, notify=False, enqueue=False, **options):
        if enqueue:
            from scotemp.trade.tasks.matching import rematch_everything

            result = rematch_everything.enqueue(notify=notify)
            self.stdout.write(f"enqueued {result.id}")
            return
        from scotemp.trade.matching.store import rematch_all

        def progress(done, total):
            self.stdout.write(f"  {done:,}/{total:,} leads", ending="\r" if done < total else "\n")

        totals = rematch_all(notify=notify, progress=progress)
        self.stdout.write(self.style.SUCCESS(str(totals)))
