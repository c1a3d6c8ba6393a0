"""Scheduled lead work. Run daily: ``python manage.py expire_leads`` (cron), which expires at once,
or enqueues :func:`expire_leads` for the worker with ``--enqueue``."""

import datetime

from django_tasks import task

from . import actions


@task()
def expire_leads(today: str | None = None) -> list[int]:
    """Published leads past their validity become expired (their matches are refreshed after commit).

    ``today`` is an ISO date (JSON-safe for every task backend); the local date when omitted.
    Returns the ids of the leads that expired."""
    day = datetime.date.fromisoformat(today) if today else None
    return actions.expire_leads(day)
