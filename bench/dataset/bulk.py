"""Bulk writes into a benchmark database: SQLite ``executemany`` in one transaction with
``synchronous=OFF`` and an in-memory journal, PostgreSQL ``COPY``; secondary indexes dropped before
and created after the load, triggers off meanwhile (the match index versions they would write are
written once at the end, for every chapter loaded).

Only for benchmark databases: foreign keys are not checked during the load (the generator draws
every reference from existing rows; ``--check`` verifies them afterwards).
"""

import time

from django.db import models

# indexes dropped and rebuilt around the load (triggers off on these tables too)
TABLES = (
    "accounts_organization",
    "directory_organizationprofile",
    "trade_lead",
    "trade_lead_countries",
    "trade_leadsearchtoken",
)
TRIGGER_TABLES = TABLES
# Indexes led by these columns are kept during the load: new rows come in increasing order of them
# (ids after the existing ones; countries, tokens and profiles in lead / organization order), so
# the index only grows at its end. Not a lead's organization: leads come in random organization order.
APPENDED = {
    "accounts_organization": {"id"},
    "directory_organizationprofile": {"id", "organization_id"},
    "trade_lead": {"id"},
    "trade_lead_countries": {"id", "lead_id"},
    "trade_leadsearchtoken": {"id", "lead_id"},
}
MIV_TABLE = "trade_matchindexversion"
MIC_TABLE = "trade_matchindexchange"


class Phases:
    """Wall time, this process's CPU time and rows per second of each phase, printed as they end
    (on a shared machine the CPU time shows what the wall time would be with a core to itself, for
    the work done in this process; PostgreSQL's own work is in the wall time only)."""

    def __init__(self):
        self.started = time.monotonic()
        self.cpu_started = time.process_time()

    def run(self, label: str, fn, *args):
        t0, c0 = time.monotonic(), time.process_time()
        result = fn(*args)
        elapsed, cpu = time.monotonic() - t0, time.process_time() - c0
        count = result if isinstance(result, int) else 0
        rate = f" {count / max(elapsed, 1e-6):>10,.0f} rows/s" if count else ""
        print(f"  {label:<42} {elapsed:7.1f} s (cpu {cpu:6.1f} s){rate}", flush=True)
        return result

    def total(self) -> tuple[float, float]:
        return time.monotonic() - self.started, time.process_time() - self.cpu_started


def quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def model_rows(connection, model, values: list[dict], now) -> tuple[list[str], list[tuple]]:
    """Rows of ``model`` from partial column values: the rest get their field defaults (``created_at``
    and ``updated_at`` get ``now``), and every value goes through the field's own preparation."""
    fields = model._meta.concrete_fields
    out = []
    for given in values:
        row = []
        for f in fields:
            if f.attname in given:
                value = given[f.attname]
            elif f.attname in ("created_at", "updated_at"):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif isinstance(f, models.CharField | models.TextField):
                value = ""
            else:
                raise ValueError(f"{model.__name__}.{f.attname}: no value")
            row.append(f.get_db_prep_save(value, connection))
        out.append(tuple(row))
    return [f.column for f in fields], out


class Writer:
    """One bulk load into ``connection``'s database; use as a context manager around the writes."""

    def __init__(self, connection, rebuild_indexes: bool):
        self.connection = connection
        self.vendor = connection.vendor
        self.rebuild = rebuild_indexes
        self.saved_indexes: list[tuple[str, str]] = []  # (table, SQL that recreates it)
        self.saved_triggers: list[str] = []
        self.pragmas: dict[str, object] = {}
        self.atomic = None

    # -- set-up and tear-down ------------------------------------------------------------------

    def __enter__(self):
        from django.db import transaction

        cursor = self.connection.cursor()
        if self.vendor == "sqlite":
            for name in ("journal_mode", "synchronous", "foreign_keys", "cache_size", "mmap_size"):
                self.pragmas[name] = cursor.execute(f"PRAGMA {name}").fetchone()[0]
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB, for the index builds
            cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute("PRAGMA threads = 2")  # helper threads for the index builds' sorts
            # Each index build reads the whole table: through the memory map rather than read()
            # into the page cache (the tables outgrow the 1 GB cache at 1,000,000 leads).
            cursor.execute("PRAGMA mmap_size = 8000000000")  # capped at the library's maximum
        self.atomic = transaction.atomic(using=self.connection.alias)
        self.atomic.__enter__()
        if self.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("SET LOCAL work_mem = '512MB'")
        self._drop_triggers(cursor)
        if self.rebuild:
            self._drop_indexes(cursor)
        return self

    def finish(self, phases: Phases) -> None:
        """Recreate the indexes and triggers (inside the load's transaction)."""
        cursor = self.connection.cursor()
        if self.rebuild and phases is not None:
            for table in TABLES:
                statements = [sql for t, sql in self.saved_indexes if t == table]
                phases.run(f"indexes of {table} ({len(statements)})", self._run_all, cursor, statements)
            self.saved_indexes = []
        self._run_all(cursor, self.saved_triggers)
        self.saved_triggers = []
        if self.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} "
                    "HAVING MAX(id) IS NOT NULL"
                )

    def __exit__(self, exc_type, exc, tb):
        try:
            self.atomic.__exit__(exc_type, exc, tb)
        finally:
            if self.vendor == "sqlite":
                cursor = self.connection.cursor()
                for name, value in self.pragmas.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
        return False

    @staticmethod
    def _run_all(cursor, statements) -> int:
        for sql in statements:
            cursor.execute(sql)
        return 0

    def _drop_triggers(self, cursor) -> None:
        if self.vendor != "sqlite":
            return  # PostgreSQL: session_replication_role = replica
        marks = ", ".join(["%s"] * len(TRIGGER_TABLES))
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
            TRIGGER_TABLES,
        )
        for name, sql in cursor.fetchall():
            self.saved_triggers.append(sql)
            cursor.execute(f"DROP TRIGGER {quote(self.connection, name)}")

    def _drop_indexes(self, cursor) -> None:
        marks = ", ".join(["%s"] * len(TABLES))
        if self.vendor == "sqlite":
            cursor.execute(
                f"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({marks})",
                TABLES,
            )
            for name, table, sql in cursor.fetchall():
                first = cursor.execute(f"PRAGMA index_info({quote(self.connection, name)})").fetchone()
                if first and first[2] in APPENDED[table]:
                    continue  # filled in key order by the load: cheaper kept than rebuilt
                self.saved_indexes.append((table, sql))
                cursor.execute(f"DROP INDEX {quote(self.connection, name)}")
            return
        cursor.execute(
            "SELECT t.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, "
            "pg_get_constraintdef(c.oid), a.attname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid "
            "AND c.contype IN ('u', 'x') "
            f"WHERE t.relname IN ({marks}) AND NOT i.indisprimary "
            "AND t.relnamespace = 'public'::regnamespace",
            TABLES,
        )
        for table, index, indexdef, constraint, condef, first in cursor.fetchall():
            if first in APPENDED[table]:
                continue  # filled in key order by the load: cheaper kept than rebuilt
            if constraint:
                self.saved_indexes.append(
                    (table, f"ALTER TABLE {table} ADD CONSTRAINT {constraint} {condef}")
                )
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {constraint}")
            else:
                self.saved_indexes.append((table, indexdef))
                cursor.execute(f"DROP INDEX {index}")

    # -- writes --------------------------------------------------------------------------------

    def next_id(self, table: str) -> int:
        cursor = self.connection.cursor()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]

    def insert(self, table: str, columns: list[str], rows) -> int:
        """Insert ``rows`` (tuples of database-ready values) into ``table``; returns their number."""
        cursor = self.connection.cursor()
        names = ", ".join(quote(self.connection, c) for c in columns)
        if self.vendor == "postgresql":
            count = 0
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        raw = self.connection.connection.cursor()  # sqlite3's own executemany, without Django's wrapper
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * len(columns))})", rows)
        return raw.rowcount

    def temp_tables(self) -> None:
        """Per-lead text combination and per-combination tokens, joined into the index at the end."""
        cursor = self.connection.cursor()
        cursor.execute("DROP TABLE IF EXISTS bench_lead_text")
        cursor.execute("DROP TABLE IF EXISTS bench_text_token")
        key = "integer" if self.vendor == "sqlite" else "bigint"  # SQLite: the rowid, in lead order
        cursor.execute(f"CREATE TEMP TABLE bench_lead_text (lead_id {key} PRIMARY KEY, text_key bigint)")
        cursor.execute("CREATE TEMP TABLE bench_text_token (text_key bigint, pos int, token varchar(64))")

    def search_tokens(self, by_key: dict) -> int:
        """``LeadSearchToken`` rows of every lead in ``bench_lead_text``: the tokens of its text
        combination, in (lead, token) order as ``reindex_leads`` inserts them."""
        rows = [(key, pos, token) for key, value in by_key.items() for pos, token in enumerate(value[4])]
        self.insert("bench_text_token", ["text_key", "pos", "token"], rows)
        cursor = self.connection.cursor()
        cursor.execute("CREATE INDEX bench_text_token_key ON bench_text_token (text_key, pos)")
        cursor.execute("ANALYZE bench_text_token" if self.vendor == "postgresql" else "SELECT 1")
        base = self.next_id("trade_leadsearchtoken") - 1
        select = "FROM bench_lead_text l JOIN bench_text_token t ON t.text_key = l.text_key"
        if self.vendor == "postgresql":
            # A hash join over the leads in id order: rows come out by lead (not sorted by token
            # within a lead, which nothing relies on), without sorting 10+ million rows.
            cursor.execute(
                "INSERT INTO trade_leadsearchtoken (id, lead_id, token) SELECT "
                f"{base} + row_number() OVER (), l.lead_id, t.token {select}"
            )
        else:
            cursor.execute(  # the leads by rowid, each one's tokens through (key, pos): no sort
                f"INSERT INTO trade_leadsearchtoken (lead_id, token) SELECT l.lead_id, t.token {select} "
                "ORDER BY l.lead_id, t.pos"
            )
        count = cursor.rowcount
        cursor.execute("DROP TABLE bench_lead_text")
        cursor.execute("DROP TABLE bench_text_token")
        return count

    def bump_match_index(self, chapters) -> int:
        """For the chapters loaded and for organizations ("*"), a change row naming no lead and no
        organization (the cache reads it as "load this key's groups afresh") and the key's version
        pointing at it, as the triggers write them (the token: a random value on SQLite, the row's id
        on PostgreSQL). A process that held a group before the load reloads it; one that loads it
        afterwards holds a position the log has, and applies the changes after it."""
        keys = [*sorted(chapters), "*"]
        cursor = self.connection.cursor()
        for key in keys:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {MIC_TABLE} (key, lead_id, org_id) VALUES (%s, NULL, NULL) RETURNING id",
                    [key],
                )
                change = cursor.fetchone()[0]
                token = change
            else:
                cursor.execute(
                    f"INSERT INTO {MIC_TABLE} (key, lead_id, org_id, token) "
                    "VALUES (%s, NULL, NULL, random())",
                    [key],
                )
                change = cursor.lastrowid
                cursor.execute(f"SELECT token FROM {MIC_TABLE} WHERE id = %s", [change])
                token = cursor.fetchone()[0]
            cursor.execute(
                f"INSERT INTO {MIV_TABLE} (key, version, change) VALUES (%s, %s, %s) ON CONFLICT (key) "
                "DO UPDATE SET version = EXCLUDED.version, change = EXCLUDED.change",
                [key, token, change],
            )
        return len(keys)


def analyze(connection) -> None:
    """Planner statistics (PostgreSQL: VACUUM ANALYZE, which also sets the visibility map that
    index-only scans need). Outside any transaction."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
