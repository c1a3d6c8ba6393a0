"""Serve the demo: the web server and a background-task worker, both stopped by Ctrl-C."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from scotemp.demo.personas import PERSONA_PASSWORD, PERSONAS

JOB_CLASS = "django_tasks_rq.Job"


def worker_command() -> list[str]:
    """The worker for the configured task backend: RQ when REDIS_URL is set, else the DB worker."""
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    if settings.REDIS_URL:
        worker = "scotemp.trade.tasks.worker.Worker"  # as in the README: one process, the index stays warm
        return [*manage, "rqworker", "--worker-class", worker, "--job-class", JOB_CLASS, "default", "mail"]
    return [*manage, "db_worker", "--queue-name", "default,mail", "--interval", "0.2", "--no-reload"]


def demo_base_url(host: str, port) -> str:
    """The address the demo is reached at, for the links in its e-mails (a wildcard bind address is
    reached as localhost)."""
    if host in {"0.0.0.0", "::", ""}:
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Run the development server and the task worker together (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--housekeeping-every", type=int, default=3600, help="Seconds between cron-job runs (0: never)."
        )

    def handle(self, *args, host, port, housekeeping_every, **options):
        url = f"http://{host}:{port}"
        # The server, the worker and the housekeeping commands all put this address in e-mails
        # (unless SCOTEMP_BASE_URL was set, e.g. for a demo behind a proxy).
        if not os.environ.get("SCOTEMP_BASE_URL"):
            os.environ["SCOTEMP_BASE_URL"] = demo_base_url(host, port)
        self.stdout.write(self.style.SUCCESS(f"\nSCO TEMP demo on {url}\n"))
        self.stdout.write(f"Demo accounts (password for all: {PERSONA_PASSWORD}):")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona['email']:<34} {persona['role_label']}")
        self.stdout.write(
            f"Admin: {url}/admin/   API docs: {url}/api/v1/docs\nCtrl-C stops the server and the worker.\n"
        )
        # Both run as children of this command; Ctrl-C reaches the whole process group, each child
        # stops on its own, and this command waits for both before it returns.
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        # A shell that started us in the background may have set SIGINT to "ignore", which children
        # would inherit; a handler of our own is reset to the default in each child at exec.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        children = [
            subprocess.Popen(worker_command()),
            subprocess.Popen([*manage, "runserver", f"{host}:{port}", "--noreload"]),
        ]
        next_housekeeping = time.monotonic()
        try:
            while all(child.poll() is None for child in children):
                if housekeeping_every and time.monotonic() >= next_housekeeping:
                    # What cron does in production (README): the jobs every app declares in jobs.py.
                    housekeeping = [*manage, "housekeeping", "--demo"]
                    subprocess.run(housekeeping, check=False, stdout=subprocess.DEVNULL)
                    next_housekeeping = time.monotonic() + housekeeping_every
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
            self.stdout.write("Stopped the server and the worker.")
