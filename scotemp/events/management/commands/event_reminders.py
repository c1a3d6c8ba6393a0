"""Hourly: remind confirmed attendees of the events that start within a day (each once)."""

from django.core.management.base import BaseCommand

from scotemp.events.actions.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind confirmed attendees of events starting within 24 hours (each attendee once)."

    def handle(self, *args, verbosity=1, **options):
        sent = send_reminders()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Event reminders sent: {sent}."))
