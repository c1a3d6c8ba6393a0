"""Daily verification housekeeping: expiry reminders and badge removal. Safe to run more often."""

from scotemp.core.management.daily_job import DailyJobCommand
from scotemp.verification.actions import process_expiry
from scotemp.verification.tasks import verification_expiry


class Command(DailyJobCommand):
    help = "Remind owners 30 days before their verification expires and remove expired badges (run daily)."
    task = verification_expiry

    def run(self, day):
        counts = process_expiry(day)
        return f"Verification: {counts['reminded']} reminded, {counts['expired']} expired."
