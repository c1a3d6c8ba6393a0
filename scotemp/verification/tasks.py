"""Scheduled verification work, declared in :mod:`scotemp.verification.jobs`: ``manage.py
verification_expiry`` runs :func:`verification_expiry` at once, or enqueues it for the worker with
``--enqueue``."""

import datetime

from django_tasks import task

from . import actions


@task()
def verification_expiry(today: str | None = None) -> dict[str, int]:
    """Remind owners 30 days before their badge expires (once) and remove expired badges.

    ``today`` is an ISO date (JSON-safe for every task backend); the local date when omitted."""
    day = datetime.date.fromisoformat(today) if today else None
    return actions.process_expiry(day)
