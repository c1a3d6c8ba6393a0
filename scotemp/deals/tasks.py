"""Background tasks of the deals workflow."""

import datetime

from django_tasks import task

from .actions import send_reminders


@task()
def deal_reminders(today: str | None = None) -> list[int]:
    """The daily deadline reminders (``today`` as an ISO date, JSON-safe for every task backend)."""
    day = datetime.date.fromisoformat(today) if today else None
    return list(send_reminders(day))


@task()
def prepare_deal_documents(deal_id: int) -> list[list[str]]:
    """Build a deal's documents ahead of their first download (see ``documents.prepare``)."""
    from .documents.prepare import prepare_documents

    return [list(pair) for pair in prepare_documents(deal_id)]
