"""Background delivery of the e-mail outbox (django-tasks; same code on the DB and RQ backends)."""

from django_tasks import task


@task()
def deliver_outbox_task(limit: int = 500) -> int:
    """Send due outbox e-mails (see :mod:`scotemp.notifications.actions.delivery`) for at most half
    the task timeout, first marking task rows of dead workers failed. When it stops with e-mails
    still due it enqueues itself again, so that no run outlives the timeout."""
    from scotemp.core.tasks import recover_stuck_tasks, task_timeout

    from .actions import deliver_outbox
    from .actions.delivery import claimable

    recover_stuck_tasks()
    claimed = deliver_outbox(limit=limit, budget=task_timeout().total_seconds() / 2)
    if claimed and claimable().exists():
        deliver_outbox_task.enqueue(limit=limit)
    return claimed
