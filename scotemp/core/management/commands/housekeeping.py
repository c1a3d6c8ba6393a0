"""``manage.py housekeeping``: the periodic jobs every app declares in its ``jobs.py``.

    manage.py housekeeping                 # run every job once, in schedule order, with progress
    manage.py housekeeping --only expire_leads deliver_outbox
    manage.py housekeeping --list          # what would run, and when cron runs it
    manage.py housekeeping --cron --root /srv/scotemp   # the crontab lines (the README shows these)

Every job is idempotent, so running one more often than its schedule is safe; a failing job is
reported and the others still run (the exit status says whether all succeeded).
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from scotemp.core.registry import JOBS


def cron_lines(root: str, python: str = ".venv/bin/python") -> list[str]:
    """One crontab line per job, ordered by command, with its description as a comment."""
    jobs = sorted(JOBS.values(), key=lambda job: job.command)
    commands = [f"{job.schedule:<11} cd {root} && {python} {job.command_line}" for job in jobs]
    width = max(len(command) for command in commands)
    return [f"{command:<{width}}  # {job.description}" for command, job in zip(commands, jobs, strict=True)]


class Command(BaseCommand):
    help = "Run (or list, or print as crontab lines) the periodic jobs that the apps declare."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="+", metavar="COMMAND", help="Run only these jobs.")
        parser.add_argument("--list", action="store_true", help="List the jobs and their schedules.")
        parser.add_argument("--cron", action="store_true", help="Print the jobs as crontab lines.")
        parser.add_argument("--root", default="/srv/scotemp", help="Installation folder for --cron.")
        parser.add_argument("--demo", action="store_true", help="Only the jobs the demo runs itself.")

    def handle(self, *args, only=None, list=False, cron=False, root, demo=False, verbosity=1, **options):
        if cron:
            self.stdout.write("\n".join(cron_lines(root)))
            return
        jobs = sorted(JOBS.values(), key=lambda job: job.command)
        if demo:
            jobs = [job for job in jobs if job.demo]
        if only:
            unknown = sorted(set(only) - set(JOBS))
            if unknown:
                raise CommandError(f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(sorted(JOBS))}.")
            jobs = [job for job in jobs if job.command in only]
        if list:
            for job in jobs:
                self.stdout.write(f"{job.schedule:<14} {job.command_line:<40} {job.description}")
            return
        failed = []
        for number, job in enumerate(jobs, 1):
            if verbosity:
                self.stdout.write(f"[{number}/{len(jobs)}] {job.command_line} …")
            started = time.monotonic()
            try:
                call_command(job.command, *job.args, verbosity=max(0, verbosity - 1))
            except Exception as exc:  # one failing job must not stop the others
                failed.append(job.command)
                self.stderr.write(self.style.ERROR(f"    {job.command} failed: {exc}"))
                continue
            if verbosity:
                self.stdout.write(f"    done in {time.monotonic() - started:.1f} s")
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{len(jobs)} job(s) done."))
