"""SQLite: a snapshot through the online backup API while the site keeps writing (WAL mode), and a
restore through the same API, which replaces the target's content under SQLite's own locking."""

import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from .base import DUMP_MEMBERS, BackupError, Progress, megabytes, quote


class SqliteReader:
    """Counts and queries on one open SQLite connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def tables(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
        return [name for (name,) in rows]

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]

    def query(self, sql: str) -> list[tuple]:
        return self.conn.execute(sql).fetchall()

    def integrity(self) -> str:
        rows = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows[:20])


class SqliteEngine:
    vendor = "sqlite"
    dump_member = DUMP_MEMBERS["sqlite"]

    def __init__(self, settings_dict: dict):
        name = str(settings_dict["NAME"])
        if not name or name == ":memory:" or "mode=memory" in name:
            raise BackupError(_("An in-memory SQLite database cannot be backed up or restored."))
        self.path = Path(name)
        self.timeout = float(settings_dict.get("OPTIONS", {}).get("timeout", 25))

    def describe(self) -> str:
        return str(self.path)

    def scratch_dir(self) -> Path:
        """Where a restore unpacks the database file: beside the target, on the same disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.parent

    def info(self) -> dict:
        return {"sqlite_version": sqlite3.sqlite_version}

    def _connect(self, path: Path) -> sqlite3.Connection:
        return sqlite3.connect(path, timeout=self.timeout, isolation_level=None)

    @contextmanager
    def snapshot(self, dest: Path, progress: Progress):
        """Copy the live database to ``dest`` and yield a reader on the copy.

        The copy is made in one step of the backup API: it reads one consistent snapshot while other
        connections go on writing to the WAL (a copy made in several steps would start over after
        each write by another connection)."""
        if not self.path.is_file():
            raise BackupError(_("The database file %(path)s does not exist.") % {"path": self.path})
        progress.say(
            _("Copying the SQLite database %(path)s (%(size)s)…")
            % {"path": self.path, "size": megabytes(self.path.stat().st_size)}
        )
        try:
            with closing(self._connect(self.path)) as source, closing(self._connect(dest)) as copy:
                source.backup(copy)
                # The copy stands alone: one file, no -wal or -shm beside it.
                copy.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as error:
            raise BackupError(_("Could not copy the database: %(error)s") % {"error": error}) from error
        with closing(self._connect(dest)) as conn:
            yield SqliteReader(conn)

    @contextmanager
    def reader(self):
        with closing(self._connect(self.path)) as conn:
            yield SqliteReader(conn)

    def data_counts(self) -> dict[str, int]:
        """Row counts of the target database ({} when there is none yet)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return {}
        with self.reader() as reader:
            return {table: reader.count(table) for table in reader.tables()}

    def restore(self, dump: Path, progress: Progress, pg_dump_major: int | None = None) -> None:
        """Replace the target database's content with the database file ``dump``."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        progress.say(_("Writing the database %(path)s…") % {"path": self.path})
        try:
            with closing(sqlite3.connect(dump)) as source, closing(self._connect(self.path)) as target:
                # Leaving WAL mode checkpoints and removes any -wal file of the old content; it fails
                # while another process has the database open, which is the moment to stop.
                target.execute("PRAGMA journal_mode=DELETE")
                source.backup(target)
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise BackupError(
                    _(
                        "The database %(path)s is in use. Stop the web server and the task worker, "
                        "then restore again."
                    )
                    % {"path": self.path}
                ) from error
            raise BackupError(_("Could not write the database: %(error)s") % {"error": error}) from error
