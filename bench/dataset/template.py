"""Loaded datasets kept as templates, so that a benchmark needing a fresh database of ``n`` leads gets
one in seconds instead of loading it again.

A template is the whole benchmark database right after ``ensure_dataset`` loaded it (schema,
reference data, organizations, leads, search index, match index versions, planner statistics):

* SQLite: a copy of the database file, ``$SCOTEMP_VAR_DIR/bench/templates/leads-<key>.sqlite3``;
  a clone is a file copy;
* PostgreSQL: a database ``scotemp_tpl_<key>`` on the same server (``IS_TEMPLATE``, no connections
  allowed, so nothing changes it); a clone is ``CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY``.

The key is the size, the seed, the day of the load (the leads' dates are relative to it: published
0-180 days ago, valid 1-365 more days) and a hash of everything the rows depend on — the dataset code
(``bench/dataset``, ``bench/leads_dataset.py``), the schema (every migration), the reference data
and its loader, the search tokenizer and the name lists. A change to any of them, or a new day, makes
a new template; older templates of the same size and seed are removed when a new one is saved.
``BENCH_TEMPLATES=0`` (or ``leads_dataset.py --no-template``) turns templates off.
"""

import hashlib
import os
import shutil
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# What the loaded rows depend on (globs relative to the project root).
SOURCES = (
    "bench/dataset/*.py",
    "bench/leads_dataset.py",
    "scotemp/*/migrations/*.py",
    "scotemp/reference/data/**/*",
    "scotemp/reference/actions*.py",
    "scotemp/reference/data_files/**/*.py",
    "scotemp/core/text*.py",
    "scotemp/trade/search*.py",
    "scotemp/trade/search/**/*.py",
    "scotemp/demo/names/**/*",
    "scotemp/committees/queries*.py",
)


def enabled() -> bool:
    return os.environ.get("BENCH_TEMPLATES", "1") not in ("0", "", "no", "off")


def code_version() -> str:
    """A short hash of the files the dataset's rows depend on (paths and contents)."""
    digest = hashlib.sha256()
    paths = sorted({p for pattern in SOURCES for p in ROOT.glob(pattern) if p.is_file()})
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:10]


def key(n: int, seed: int, today: date | None = None) -> str:
    from django.utils import timezone

    today = today or timezone.localdate()
    return f"{n}-s{seed}-{today:%Y%m%d}-{code_version()}"


def _pg_name(k: str) -> str:
    return "scotemp_tpl_" + k.replace("-", "_")


def _sqlite_dir() -> Path:
    var = Path(os.environ.get("SCOTEMP_VAR_DIR") or ROOT / "var")
    return var / "bench" / "templates"


def _pg_admin():
    """An autocommit connection to the server's ``postgres`` database, and the target's name."""
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    params = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True), settings["NAME"]


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def restore(n: int, seed: int) -> bool:
    """Replace the current database by the template of ``n`` leads (same seed, day and code), if
    there is one; True if it did. Closes Django's connection first (it reopens on next use)."""
    from django.db import connection

    if not enabled():
        return False
    k = key(n, seed)
    started = time.monotonic()
    if connection.vendor == "sqlite":
        source = _sqlite_dir() / f"leads-{k}.sqlite3"
        if not source.exists():
            return False
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        for path in _sqlite_files(target):
            path.unlink(missing_ok=True)
        shutil.copyfile(source, target)
        size = source.stat().st_size
    else:
        admin, target = _pg_admin()
        with admin:
            name = _pg_name(k)
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                return False
            connection.close()
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{name}" STRATEGY FILE_COPY')
            size = admin.execute("SELECT pg_database_size(%s)", [target]).fetchone()[0]
    print(
        f"  cloned the template {k} ({size / 2**30:.2f} GB) in {time.monotonic() - started:.1f} s "
        "(a clone, not a load)",
        flush=True,
    )
    return True


def save(n: int, seed: int) -> None:
    """Keep the current database as the template of ``n`` leads; remove older templates of the same
    size and seed. Closes Django's connection first."""
    from django.db import connection

    if not enabled():
        return
    k = key(n, seed)
    started = time.monotonic()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source = Path(connection.settings_dict["NAME"])
        connection.close()
        folder = _sqlite_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"leads-{n}-s{seed}-*.sqlite3"):
            old.unlink()
        partial = folder / f"leads-{k}.sqlite3.partial"
        shutil.copyfile(source, partial)
        partial.rename(folder / f"leads-{k}.sqlite3")
    else:
        import psycopg

        try:
            _save_postgres(n, seed, k)
        except psycopg.Error as error:  # e.g. another session on the dataset: the load stands
            print(f"  not kept as a template: {error}".rstrip(), flush=True)
            return
    print(f"  kept as the template {k} in {time.monotonic() - started:.1f} s", flush=True)


def _save_postgres(n: int, seed: int, k: str) -> None:
    from django.db import connection

    admin, source = _pg_admin()
    with admin:
        name = _pg_name(k)
        prefix = _pg_name(f"{n}-s{seed}-")
        for (old,) in admin.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix]
        ).fetchall():
            admin.execute(f'ALTER DATABASE "{old}" WITH IS_TEMPLATE false')
            admin.execute(f'DROP DATABASE "{old}"')
        connection.close()
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        admin.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
