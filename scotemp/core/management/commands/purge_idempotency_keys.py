"""Delete stored Idempotency-Key responses older than a day (cron, hourly or daily)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from scotemp.core.models import IdempotencyRecord

KEEP = datetime.timedelta(hours=24)


class Command(BaseCommand):
    help = "Delete Idempotency-Key records older than 24 hours: a retry after that runs as a new request."

    def handle(self, *args, verbosity=1, **options):
        deleted, _detail = IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Deleted {deleted} idempotency records older than 24 hours.")
            )
