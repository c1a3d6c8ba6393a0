"""Writes under load: one delivery task waits in the queue however many transactions queue e-mails,
and still every e-mail goes out exactly once; a task that has started does not stand for e-mails
committed after it read the outbox."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from scotemp.notifications.actions import queue_message

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(n: int) -> None:
    with transaction.atomic():  # each its own transaction; delivery is enqueued when it commits
        queue_message(f"buyer{n}@example.test", f"mail-{n}", f"Body {n}", f"coalesce-{n}")


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _sent() -> list[str]:
    return sorted(m.subject for m in mail.outbox)


def test_transactions_while_a_delivery_task_waits_share_it_and_each_email_goes_once():
    with override_settings(TASKS=DB_TASKS):
        for n in range(3):
            _queue(n)
        [waiting] = DBTaskResult.objects.all()
        assert waiting.status == "READY"

        _run_worker()
        assert _sent() == ["mail-0", "mail-1", "mail-2"]

        _queue(3)  # the task that waited has run: a new one is needed, and enqueued
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        _run_worker()
        _run_worker()  # nothing left: a second run sends nothing again
    assert _sent() == ["mail-0", "mail-1", "mail-2", "mail-3"]


def test_a_started_task_does_not_stand_for_emails_committed_after_it():
    with override_settings(TASKS=DB_TASKS):
        _queue(0)
        [first] = DBTaskResult.objects.all()
        # A worker has claimed it (and may have read the outbox already): the next e-mail needs its own.
        DBTaskResult.objects.filter(pk=first.pk).update(status="RUNNING")
        _queue(1)
        assert DBTaskResult.objects.filter(status="READY").exclude(pk=first.pk).count() == 1
        _run_worker()
    assert _sent() == ["mail-0", "mail-1"]


def test_a_waiting_task_that_disappeared_is_replaced():
    with override_settings(TASKS=DB_TASKS):
        _queue(0)
        DBTaskResult.objects.all().delete()  # e.g. pruned, or failed and removed by hand
        _queue(1)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        _run_worker()
    assert _sent() == ["mail-0", "mail-1"]


RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def test_on_the_redis_queue_one_job_waits_and_a_started_one_is_replaced():
    """The production queue: whether the job waits is read from its status in Redis."""
    import os

    import django_rq
    from django_tasks_rq import Job
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import SimpleWorker

    queue = django_rq.get_queue("default")
    try:
        queue.connection.ping()
    except RedisConnectionError:
        if os.environ.get("REDIS_URL"):
            raise
        pytest.skip("Redis is not reachable on 127.0.0.1:6379; set REDIS_URL to run the RQ backend test")
    queue.empty()
    with override_settings(TASKS=RQ_TASKS):
        _queue(0)
        _queue(1)
        assert queue.count == 1  # the second transaction found the first job waiting
        [first] = queue.job_ids
        queue.connection.hset(Job.key_for(first), "status", "started")  # a worker has taken it
        _queue(2)
        assert queue.count == 2
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert _sent() == ["mail-0", "mail-1", "mail-2"]
