"""Background tasks of the deals workflow."""

import datetime

from django_tasks import task

from . import actions_reminders


@task()
def deal_reminders(today: str | None = None) -> list[int]:
    """The daily deadline reminders (``today`` as an ISO date, JSON-safe for every task backend)."""
    day = datetime.date.fromisoformat(today) if today else None
    return list(actions_reminders.send_reminders(day))
