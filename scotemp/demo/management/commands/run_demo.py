"""Serve the demo: the web server and a background-task worker, both stopped by Ctrl-C."""

import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from scotemp.demo.personas import PERSONA_PASSWORD, PERSONAS


def worker_command() -> list[str]:
    """The worker for the configured task backend: RQ when REDIS_URL is set, else the DB worker."""
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    if settings.REDIS_URL:
        return [*manage, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    return [*manage, "db_worker", "--interval", "1"]


class Command(BaseCommand):
    help = "Run the development server and the task worker together (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, host, port, **options):
        url = f"http://{host}:{port}"
        self.stdout.write(self.style.SUCCESS(f"\nSCO TEMP demo on {url}\n"))
        self.stdout.write(f"Demo accounts (password for all: {PERSONA_PASSWORD}):")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona['email']:<34} {persona['role_label']}")
        self.stdout.write(
            f"Admin: {url}/admin/   API docs: {url}/api/v1/docs\nCtrl-C stops the server and the worker.\n"
        )
        worker = subprocess.Popen(worker_command())
        try:
            # --noreload keeps one process, so Ctrl-C reaches both children and both stop.
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        except KeyboardInterrupt:
            pass
        finally:
            if worker.poll() is None:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
            self.stdout.write("Stopped the server and the worker.")
