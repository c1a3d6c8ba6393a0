"""What a backup records about a database, independent of the engine: row counts, applied
migrations and the files that FileField columns reference."""

import subprocess
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

FORMAT = "scotemp-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# The archive member holding the database, per engine.
DUMP_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables that ``migrate`` fills by itself: a database holding rows only in these is empty.
MIGRATE_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


class Progress:
    """Passes progress lines to ``write`` (or drops them). A loop asks :meth:`due` before reporting,
    so that it reports at most once every ``interval`` seconds."""

    def __init__(self, write: Callable[[str], None] | None = None, interval: float = 2.0):
        self.write = write
        self.interval = interval
        self._last = time.monotonic()

    def say(self, line: str) -> None:
        self._last = time.monotonic()
        if self.write:
            self.write(line)

    def due(self) -> bool:
        now = time.monotonic()
        if self.write and now - self._last >= self.interval:
            self._last = now
            return True
        return False


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def engine_vendor(settings_dict: dict) -> str:
    """``sqlite`` or ``postgresql`` for a database's settings; any other engine is refused."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(
        _("Backups support SQLite and PostgreSQL databases, not %(engine)s.") % {"engine": engine}
    )


def engine_for(settings_dict: dict):
    """The engine object (snapshot, emptiness check, restore) for a database's settings."""
    if engine_vendor(settings_dict) == "sqlite":
        from .sqlite import SqliteEngine

        return SqliteEngine(settings_dict)
    from .postgres import PostgresEngine

    return PostgresEngine(settings_dict)


def file_field_columns() -> list[tuple[str, str]]:
    """``(table, column)`` of every FileField (and subclass) of every installed concrete model."""
    columns = set()
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        for field in meta.concrete_fields:
            if isinstance(field, models.FileField):
                columns.add((meta.db_table, field.column))
    return sorted(columns)


def quote(name: str) -> str:
    """An SQL identifier in double quotes (both SQLite and PostgreSQL read this form)."""
    return '"' + name.replace('"', '""') + '"'


def database_state(reader) -> dict:
    """Row counts per table, applied migrations per app and the referenced upload names, read
    through ``reader`` (an engine's view of one consistent snapshot)."""
    tables = reader.tables()
    counts = {table: reader.count(table) for table in tables}
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in counts:
        for app, name in reader.query("SELECT app, name FROM django_migrations ORDER BY app, name"):
            migrations.setdefault(app, []).append(name)
    referenced = set()
    for table, column in file_field_columns():
        if table in counts:
            sql = (
                f"SELECT {quote(column)} FROM {quote(table)} "
                f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
            )
            referenced.update(name for (name,) in reader.query(sql))
    return {"row_counts": counts, "migrations": migrations, "referenced_files": sorted(referenced)}


def data_tables(counts: dict[str, int]) -> dict[str, int]:
    """The tables holding rows that ``migrate`` did not write."""
    return {table: n for table, n in counts.items() if n and table not in MIGRATE_TABLES}


def platform_version() -> dict:
    """The platform's version (pyproject.toml) and, where the code is a git checkout, its commit."""
    base = Path(settings.BASE_DIR)
    version = "unknown"
    try:
        with open(base / "pyproject.toml", "rb") as f:
            version = tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    revision = None
    if (base / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "-C", str(base), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
            )
            revision = out.stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            pass
    return {"version": version, "revision": revision}
