"""The task worker keeps the match index warm across jobs.

RQ's default worker forks a process per job, so every job started with an empty match index (a
chapter's load on every job). The production command runs :class:`Worker` instead::

    manage.py rqworker --worker-class scotemp.trade.tasks.worker.Worker \\
        --job-class django_tasks_rq.Job default mail

It runs jobs in its own process, one after the other (rq's ``SimpleWorker``), closes database
connections that went stale between jobs, as Django does between requests, and starts loading the
index in a background thread at start (:func:`scotemp.trade.matching.cache.warm_in_background`).
Run several of them to work on several jobs at once. RQ takes the queues in the order given: matching
(``default``) first, e-mail delivery (``mail``, see :mod:`scotemp.notifications.bulk`) when
``default`` is empty.

``manage.py db_worker --queue-name default,mail --interval 0.2`` (django-tasks-db, without Redis)
already runs tasks in its own process, the highest priority first (mail delivery has the lowest); its
first task starts the warming (:func:`warm_on_first_task`, connected by the app config).
"""

from django.db import close_old_connections
from rq.worker import SimpleWorker

from ..matching import cache


class Worker(SimpleWorker):
    def work(self, *args, **kwargs):
        cache.warm_in_background()
        return super().work(*args, **kwargs)

    def execute_job(self, job, queue):
        close_old_connections()
        try:
            return super().execute_job(job, queue)
        finally:
            close_old_connections()


def warm_on_first_task(sender, **kwargs) -> None:
    """``task_started`` receiver: a database-queue worker process warms its match index once."""
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)  # db_worker sends the instance
    if issubclass(backend, DatabaseBackend) and cache.warming_enabled():
        cache.warm_in_background()
