"""Delete old rows of the match index change log, keeping the latest ones (cron, hourly)."""

from django.core.management.base import BaseCommand

from scotemp.trade.matching import cache


class Command(BaseCommand):
    help = (
        "Delete all but the latest change rows the task workers apply to their match index "
        f"({cache.PRUNE_KEEP:,}); a worker further behind loads the groups concerned afresh."
    )

    def handle(self, *args, verbosity=1, **options):
        deleted = cache.prune()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} match index change rows."))
