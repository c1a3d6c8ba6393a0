"""The outbox's guarantee under a killed worker, end to end.

A real task worker (``manage.py db_worker``, another process) delivers a batch of e-mails to a slow
SMTP server (aiosmtpd) that records each message before it answers DATA. The worker is killed with
SIGKILL while the server holds a message. Then cron's ``manage.py deliver_outbox`` runs, as it would
every minute, until everything is recovered. Asserted: every e-mail arrives; at most one arrives
twice, the one in flight at the kill, with the same Message-ID; no row stays in ``sending`` once its
lease has expired; the dead worker's task row does not stay ``RUNNING``. The figures are printed
(``-s`` shows them)."""

import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings

from scotemp.core.tasks import WorkerLost
from scotemp.notifications.actions import queue_message
from scotemp.notifications.models import OutboxEmail, OutboxStatus

pytestmark = pytest.mark.django_db(transaction=True)

EMAILS = 12
DATA_DELAY = 0.3  # seconds the server holds each DATA reply
KILL_AFTER = 5  # messages the server has answered before the kill
LEASE = 2  # seconds (production: 60)
TASK_TIMEOUT = 8  # seconds (production: 600)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class SlowSink:
    """An SMTP server that stores each message, then waits before saying 250 (the moment a real
    server has queued the message but the client has not yet heard so)."""

    def __init__(self):
        self.received = []  # (subject, Message-ID, time stored)
        self.answered = []  # (subject, time of the 250)
        self.lock = threading.Lock()
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        message = email.message_from_bytes(envelope.content)
        subject = message["Subject"]
        with self.lock:
            self.received.append((subject, message["Message-ID"], time.time()))
            if len(self.answered) >= KILL_AFTER:
                self.holding.set()
        await asyncio.sleep(DATA_DELAY)
        with self.lock:
            self.answered.append((subject, time.time()))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _worker_env(tmp_path: Path, smtp_port: int) -> dict:
    (tmp_path / "crash_settings.py").write_text(
        "from config.settings_test import *  # noqa\n"
        f"DATABASES['default']['NAME'] = {connection.settings_dict['NAME']!r}\n"
        f"TASKS = {DB_TASKS!r}\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n"
        f"EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS = '127.0.0.1', {smtp_port}, False\n"
        f"SCOTEMP_OUTBOX_LEASE = {LEASE}\n"
        f"RQ_QUEUES['default'] = {{**RQ_QUEUES['default'], 'DEFAULT_TIMEOUT': {TASK_TIMEOUT}}}\n"
    )
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "crash_settings"
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(settings.BASE_DIR), env.get("PYTHONPATH", "")])
    return env


def _manage(*args) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_worker_loses_nothing_and_duplicates_at_most_the_message_in_flight(tmp_path):
    from django_tasks_db.models import DBTaskResult

    sink = SlowSink()
    port = _free_port()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    worker = None
    try:
        with override_settings(TASKS=DB_TASKS), transaction.atomic():
            for n in range(EMAILS):
                queue_message(f"buyer{n}@example.test", f"mail-{n:02d}", f"Body {n}", f"crash-{n}")
        [task_row] = DBTaskResult.objects.all()  # one delivery task for the whole transaction
        env = _worker_env(tmp_path, port)
        log = (tmp_path / "worker.log").open("w")
        worker = subprocess.Popen(
            _manage("db_worker", "--skip-checks", "--no-startup-delay", "--interval", "0.2", "--no-reload"),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
        )

        # Kill the worker while the server holds a message it has stored but not yet answered.
        assert sink.holding.wait(60), (tmp_path / "worker.log").read_text()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        killed_at = time.time()
        in_flight = sink.received[-1][0]
        assert Counter(OutboxEmail.objects.values_list("status", flat=True))[OutboxStatus.SENDING] == 1
        assert OutboxEmail.objects.get(status=OutboxStatus.SENDING).subject == in_flight
        task_row.refresh_from_db()
        assert task_row.status == "RUNNING"

        # Cron's deliver_outbox, again and again, until everything is recovered.
        runs = 0
        delivered_at = recovered_at = None
        while delivered_at is None or recovered_at is None:
            assert time.time() - killed_at < TASK_TIMEOUT + LEASE + 60, "no recovery"
            command = _manage("deliver_outbox", "--skip-checks")
            run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
            assert run.returncode == 0, run.stderr
            runs += 1
            if delivered_at is None and not OutboxEmail.objects.exclude(status=OutboxStatus.SENT).exists():
                delivered_at = time.time()
            if recovered_at is None and not DBTaskResult.objects.filter(status="RUNNING").exists():
                recovered_at = time.time()
            time.sleep(0.5)
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
        server.stop()

    rows = {row.subject: row for row in OutboxEmail.objects.all()}
    received = Counter(subject for subject, _, _ in sink.received)
    ids_by_subject = {}
    for subject, message_id, _ in sink.received:
        ids_by_subject.setdefault(subject, set()).add(message_id)
    duplicates = {subject: n - 1 for subject, n in received.items() if n > 1}
    # Every e-mail arrived, each under the Message-ID stored on its row.
    assert set(received) == set(rows) and len(rows) == EMAILS
    assert all(ids_by_subject[s] == {rows[s].message_id} for s in rows)
    # At most one arrived twice: the one in flight at the kill.
    assert sum(duplicates.values()) <= 1
    assert set(duplicates) <= {in_flight}
    # Nothing stays claimed; the dead worker's task row was marked failed.
    assert {row.status for row in rows.values()} == {OutboxStatus.SENT}
    task_row.refresh_from_db()
    assert task_row.status == "FAILED"
    assert task_row.exception_class_path.endswith(WorkerLost.__name__)
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()

    # How long after the server's 250 each row was marked sent, for the messages that got one.
    answered = {}
    for subject, at in sink.answered:
        answered.setdefault(subject, at)
    windows = sorted(
        (rows[s].sent_at.timestamp() - at) * 1000 for s, at in answered.items() if s != in_flight
    )
    print(
        f"\noutbox crash test: {EMAILS} e-mails, worker killed after {KILL_AFTER} answered, "
        f"{len(sink.received)} messages received, {sum(duplicates.values())} duplicate(s) "
        f"({', '.join(duplicates) or 'none'}, same Message-ID), all delivered "
        f"{delivered_at - killed_at:.1f} s after the kill (lease {LEASE} s), task row failed "
        f"{recovered_at - killed_at:.1f} s after the kill (timeout {TASK_TIMEOUT} s), {runs} deliver_outbox "
        f"run(s); 250 -> 'sent' committed within {windows[len(windows) // 2]:.1f} ms (median), "
        f"{windows[-1]:.1f} ms (max)"
    )
