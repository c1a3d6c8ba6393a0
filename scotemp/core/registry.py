"""What each app declares about itself, collected when the apps are ready.

An app declares, in modules of its own that :func:`autodiscover` imports for every installed app:

- ``<app>/notices.py``: ``KINDS = {"<app>.<kind>": Kind(title, body), …}``, how each notification
  kind reads (lazy translated templates with ``%(name)s`` placeholders);
- ``<app>/jobs.py``: ``JOBS = [Job(...), …]``, its periodic housekeeping commands.

The notifications app renders kinds from :data:`KINDS`; ``manage.py housekeeping`` runs or lists the
jobs (the README's cron table and the demo's hourly housekeeping are made from :data:`JOBS`).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Kind:
    title: object  # lazy translated string with %(name)s placeholders
    body: object = ""


@dataclass(frozen=True)
class Job:
    """A periodic management command. ``schedule`` is a crontab time spec (``"20 * * * *"``); every
    job is idempotent, so running it more often than scheduled is safe."""

    command: str
    schedule: str
    description: object  # lazy translated one-liner
    args: tuple[str, ...] = ()
    demo: bool = True  # run by the demo's hourly housekeeping

    @property
    def command_line(self) -> str:
        return " ".join(("manage.py", self.command, *self.args))


KINDS: dict[str, Kind] = {}
JOBS: dict[str, Job] = {}
_DISCOVERED = False


def register_kinds(kinds: dict[str, Kind], app_label: str = "") -> None:
    for name, kind in kinds.items():
        if name in KINDS and KINDS[name] != kind:
            raise ValueError(f"notification kind {name!r} declared twice ({app_label})")
        KINDS[name] = kind


def register_jobs(jobs, app_label: str = "") -> None:
    for job in jobs:
        if job.command in JOBS and JOBS[job.command] != job:
            raise ValueError(f"job {job.command!r} declared twice ({app_label})")
        JOBS[job.command] = job


def autodiscover() -> None:
    """Import ``notices`` and ``jobs`` of every installed app and register what they declare."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    from importlib import import_module

    for config in apps.get_app_configs():
        if not config.name.startswith("scotemp."):
            continue  # third-party apps have modules of these names with other meanings
        for name, register, attribute in (
            ("notices", register_kinds, "KINDS"),
            ("jobs", register_jobs, "JOBS"),
        ):
            if module_has_submodule(config.module, name):
                module = import_module(f"{config.name}.{name}")
                register(getattr(module, attribute), config.label)
    _DISCOVERED = True
