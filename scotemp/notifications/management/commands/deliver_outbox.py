from django.core.management.base import BaseCommand

from scotemp.notifications.actions import deliver_outbox


class Command(BaseCommand):
    help = "Send the due e-mails of the outbox (safe to run from cron and in several workers at once)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, **options):
        sent = deliver_outbox(limit=limit)
        self.stdout.write(f"{sent} e-mail(s) processed")
