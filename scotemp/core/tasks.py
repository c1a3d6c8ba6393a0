"""Platform-wide task plumbing. Task code is backend-agnostic: the same functions run on the
database backend (django-tasks-db, the default) and on RQ/Redis (django-tasks-rq, when REDIS_URL is
set); see docs/adr/0003-background-tasks.md.

A database-queue worker that dies (``kill -9``, a lost machine) leaves the task row it was running
in ``RUNNING`` for good: django-tasks-db has no heartbeat. :func:`recover_stuck_tasks` marks such
rows failed once they have been running longer than :func:`task_timeout`, the same limit RQ enforces
on its jobs. It re-enqueues nothing: a task whose work must not be lost keeps its own record of
that work (the e-mail outbox re-claims its rows when their lease expires)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)

DEFAULT_TASK_TIMEOUT = 600


class WorkerLost(Exception):
    """The worker running the task disappeared before finishing it."""


def task_timeout() -> timedelta:
    """The longest a task may run: RQ's job timeout (``RQ_QUEUES["default"]["DEFAULT_TIMEOUT"]``),
    applied to the database queue as well."""
    queue = (getattr(settings, "RQ_QUEUES", None) or {}).get("default") or {}
    return timedelta(seconds=int(queue.get("DEFAULT_TIMEOUT") or DEFAULT_TASK_TIMEOUT))


def recover_stuck_tasks(now=None) -> int:
    """Mark database-queue task rows that have been ``RUNNING`` for longer than :func:`task_timeout`
    failed (with :class:`WorkerLost`). Returns how many. A task that was in fact still running sets
    its own result when it ends, over this one."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stuck = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=now - task_timeout())
    count = stuck.update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=f"WorkerLost: still running {task_timeout()} after it started; its worker is gone.\n",
    )
    if count:
        log.warning("marked %s task(s) failed: their worker disappeared", count)
    return count
