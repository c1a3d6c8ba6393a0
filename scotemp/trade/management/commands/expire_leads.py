"""Daily lead housekeeping: published leads past their validity become expired. Safe to run often."""

from scotemp.core.management.daily_job import DailyJobCommand
from scotemp.trade.actions import expire_leads
from scotemp.trade.tasks.leads import expire_leads as expire_leads_task


class Command(DailyJobCommand):
    help = "Expire published leads whose validity has ended (run daily)."
    task = expire_leads_task

    def run(self, day):
        return f"Leads: {len(expire_leads(day))} expired."
