"""Lead expiry as a task: ``manage.py expire_leads --enqueue`` hands it to the worker."""

import datetime

from django_tasks import task

from ..actions.leads import expire_leads as expire


@task()
def expire_leads(today: str | None = None) -> list[int]:
    """Published leads past their validity become expired (their matches are removed after commit).

    ``today`` is an ISO date (JSON-safe for every task backend); the local date when omitted.
    Returns the ids of the leads that expired."""
    return expire(datetime.date.fromisoformat(today) if today else None)
