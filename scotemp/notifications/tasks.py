"""Background delivery of the e-mail outbox (django-tasks; same code on the DB and RQ backends)."""

from django_tasks import task


@task()
def deliver_outbox_task(limit: int = 500) -> int:
    """Send due outbox e-mails; see :func:`scotemp.notifications.actions.deliver_outbox`."""
    from .actions import deliver_outbox

    return deliver_outbox(limit=limit)
