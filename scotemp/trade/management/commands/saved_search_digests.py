from django.core.management.base import BaseCommand

from scotemp.trade.actions import send_digests


class Command(BaseCommand):
    help = (
        "Alert owners of saved searches about newly published matching leads: one in-app notification "
        "and at most one e-mail digest per search a day. Safe to run often (e.g. hourly from cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digest(s) written")
