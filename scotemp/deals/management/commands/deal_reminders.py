"""Daily deals housekeeping: reminders of answers due and quotations about to expire. Safe to run often."""

from scotemp.core.management.daily_job import DailyJobCommand
from scotemp.deals.actions import send_reminders
from scotemp.deals.tasks import deal_reminders


class Command(DailyJobCommand):
    help = "Remind sellers of answers due tomorrow and buyers of quotations expiring within two days."
    task = deal_reminders

    def run(self, day):
        inquiries, quotations = send_reminders(day)
        return f"Deal reminders (each sent once): answers due {inquiries}, quotations expiring {quotations}."
