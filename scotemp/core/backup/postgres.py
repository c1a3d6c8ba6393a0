"""PostgreSQL: ``pg_dump`` in custom format from an exported snapshot, so that the dump, the row
counts and the list of referenced files all describe the same instant; ``pg_restore`` into an
emptied schema in one transaction.

Connection settings come from ``DATABASES``; the password travels in ``PGPASSWORD``, never on a
command line (where ``ps`` would show it).
"""

import glob
import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.utils.translation import gettext as _
from psycopg import sql

from .base import DUMP_MEMBERS, BackupError, Progress

# libpq parameters that may appear in DATABASES[...]["OPTIONS"], with their environment variable.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
TOOL_DIRS = "/usr/lib/postgresql/*/bin"
LOCK_TIMEOUT = "15s"


def tool_major(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", out) or re.search(r"(\d+)\.\d+", out)
    return int(match.group(1)) if match else None


def find_tool(name: str, min_major: int, prefer_major: int) -> tuple[str, int]:
    """The ``name`` program (pg_dump, pg_restore) of version ``prefer_major``, or else the newest one
    not older than ``min_major``, looked for on PATH and in Debian's /usr/lib/postgresql/*/bin."""
    candidates = []
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    candidates += sorted(glob.glob(f"{TOOL_DIRS}/{name}"))
    found = [(major, path) for path in candidates if (major := tool_major(path)) is not None]
    usable = [(major, path) for major, path in found if major >= min_major]
    if not usable:
        seen = ", ".join(f"{path} ({major})" for major, path in found) or _("none")
        raise BackupError(
            _(
                "%(tool)s of PostgreSQL %(major)d or newer is needed (found: %(seen)s). Install the "
                "PostgreSQL client programs, e.g. apt-get install postgresql-client-%(major)d."
            )
            % {"tool": name, "major": min_major, "seen": seen}
        )
    preferred = [(major, path) for major, path in usable if major == prefer_major]
    major, path = (preferred or sorted(usable, reverse=True))[0]
    return path, major


class PostgresReader:
    """Counts and queries in the schema that the connection works in."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def tables(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
            "ORDER BY c.relname"
        )
        return [name for (name,) in rows]

    def count(self, table: str) -> int:
        return self.conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[
            0
        ]

    def query(self, text: str) -> list[tuple]:
        return self.conn.execute(text).fetchall()

    def integrity(self) -> None:
        return None


class PostgresEngine:
    vendor = "postgresql"
    dump_member = DUMP_MEMBERS["postgresql"]

    def __init__(self, settings_dict: dict):
        self.settings = settings_dict
        self._info = {}
        self.name = settings_dict["NAME"]
        options = settings_dict.get("OPTIONS") or {}
        self.params = {
            key: value
            for key, value in {
                "dbname": self.name,
                "user": settings_dict.get("USER"),
                "password": settings_dict.get("PASSWORD"),
                "host": settings_dict.get("HOST"),
                "port": settings_dict.get("PORT"),
                **{key: options[key] for key in LIBPQ_OPTIONS if key in options},
            }.items()
            if value not in (None, "")
        }

    def scratch_dir(self) -> None:
        return None  # the system's temporary directory

    def describe(self) -> str:
        host = self.params.get("host", "localhost")
        return f"{self.name} @ {host}:{self.params.get('port', 5432)}"

    def env(self) -> dict:
        """Environment for pg_dump / pg_restore: the connection settings as PG* variables, over the
        process's own (which libpq reads for whatever the settings leave out, as for the site)."""
        env = dict(os.environ)
        names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD", "host": "PGHOST"}
        names |= {"port": "PGPORT", **LIBPQ_OPTIONS}
        env.update({names[key]: str(value) for key, value in self.params.items()})
        env.setdefault("PGCONNECT_TIMEOUT", "15")
        env["LC_MESSAGES"] = "C"  # progress lines are read in English
        env.pop("LANGUAGE", None)
        env.pop("LC_ALL", None)
        return env

    def connect(self, autocommit: bool = True) -> psycopg.Connection:
        try:
            return psycopg.connect(**{"connect_timeout": 15, **self.params}, autocommit=autocommit)
        except psycopg.Error as error:
            raise BackupError(
                _("Could not connect to the database %(db)s: %(error)s")
                % {"db": self.describe(), "error": error}
            ) from error

    def server_major(self, conn: psycopg.Connection) -> int:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000

    def info(self) -> dict:
        return dict(self._info)

    def _run(self, args: list[str], progress: Progress, marker: str, label: str) -> None:
        """Run a PostgreSQL client program in verbose mode; every line containing ``marker``
        (one per table) advances the progress shown."""
        done = 0
        tail: list[str] = []
        started = time.monotonic()
        with subprocess.Popen(
            args,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            for line in proc.stderr:
                if marker in line:
                    done += 1
                    if progress.due():
                        progress.say(_("%(label)s: %(count)d tables…") % {"label": label, "count": done})
                elif ": " in line and "pg_" in line.split(":", 1)[0]:
                    tail = [*tail[-19:], line.rstrip()]
            code = proc.wait()
        if code != 0:
            errors = [line for line in tail if "error" in line.lower() or "fatal" in line.lower()] or tail
            raise BackupError(
                _("%(tool)s failed (exit code %(code)d):") % {"tool": Path(args[0]).name, "code": code}
                + "\n"
                + "\n".join(errors[-10:])
            )
        progress.say(
            _("%(label)s: %(count)d tables in %(seconds).1f s.")
            % {"label": label, "count": done, "seconds": time.monotonic() - started}
        )

    @contextmanager
    def snapshot(self, dest: Path, progress: Progress):
        """Dump the database to ``dest`` and yield a reader that sees exactly what was dumped."""
        conn = self.connect(autocommit=False)
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            major = self.server_major(conn)
            pg_dump, tool_version = find_tool("pg_dump", major, major)
            self._info = {"server_major": major, "pg_dump_major": tool_version}
            progress.say(
                _("Dumping the PostgreSQL database %(db)s with %(tool)s…")
                % {"db": self.describe(), "tool": pg_dump}
            )
            self._run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-password",
                    "--verbose",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(dest),
                ],
                progress,
                "dumping contents of table",
                _("Database"),
            )
            yield PostgresReader(conn)
        finally:
            conn.close()

    @contextmanager
    def reader(self):
        conn = self.connect()
        try:
            yield PostgresReader(conn)
        finally:
            conn.close()

    def data_counts(self) -> dict[str, int]:
        with self.reader() as reader:
            return {table: reader.count(table) for table in reader.tables()}

    def restore(self, dump: Path, progress: Progress, pg_dump_major: int | None = None) -> None:
        """Empty the target's schema (tables, sequences, functions, triggers), then load ``dump`` in
        one transaction: an error leaves the schema empty, never half loaded."""
        with self.reader() as reader:
            conn = reader.conn
            major = self.server_major(conn)
            pg_restore, _version = find_tool("pg_restore", max(major, pg_dump_major or 0), major)
            schema = conn.execute("SELECT current_schema()").fetchone()[0]
            progress.say(
                _("Emptying the schema %(schema)s of %(db)s…") % {"schema": schema, "db": self.describe()}
            )
            try:
                with conn.transaction():
                    conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                    conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
                    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            except psycopg.errors.LockNotAvailable as error:
                raise BackupError(
                    _(
                        "The database %(db)s is in use. Stop the web server and the task worker, "
                        "then restore again."
                    )
                    % {"db": self.describe()}
                ) from error
            except psycopg.Error as error:
                raise BackupError(
                    _(
                        "Could not empty the schema %(schema)s: %(error)s. Restore into a new database "
                        "owned by the platform's database user."
                    )
                    % {"schema": schema, "error": error}
                ) from error
        self._run(
            [
                pg_restore,
                "--no-password",
                "--verbose",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                self.name,
                str(dump),
            ],
            progress,
            "processing data for table",
            _("Database"),
        )
