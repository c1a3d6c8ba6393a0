from django.core.management.base import BaseCommand

from scotemp.core.tasks import recover_stuck_tasks
from scotemp.notifications.actions import deliver_outbox


class Command(BaseCommand):
    help = (
        "Send the due e-mails of the outbox, including those whose worker died (their lease has "
        "expired), after marking task rows of dead workers failed. Safe to run from cron and in "
        "several workers at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, verbosity=1, **options):
        recovered = recover_stuck_tasks()
        claimed = deliver_outbox(limit=limit)
        if verbosity:
            self.stdout.write(f"{claimed} e-mail(s) processed, {recovered} stuck task(s) marked failed")
