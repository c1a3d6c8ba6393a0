"""``leads_dataset.py --check N`` and ``--fingerprint``: the bulk-loaded search index against the
production code, the triggers and indexes back after the load, and a digest of the loaded rows."""

import hashlib
import json
import os
import random
import sys
import time
import uuid

from . import bulk


def check(sample: int, seed: int = 5) -> None:
    """Compare the stored search index of ``sample`` random leads with what ``reindex_leads`` (the
    production code) writes for them, in a transaction rolled back afterwards; on SQLite also run
    the foreign key check the bulk load skipped."""
    from django.db import connection, transaction

    from scotemp.trade.models import Lead, LeadSearchToken
    from scotemp.trade.search import reindex_leads

    started = time.monotonic()
    ids = list(Lead.objects.values_list("pk", flat=True))
    ids = sorted(random.Random(seed).sample(ids, min(sample, len(ids))))

    def snapshot():
        tokens: dict = {}
        for lead_id, token in LeadSearchToken.objects.filter(lead_id__in=ids).values_list("lead_id", "token"):
            tokens.setdefault(lead_id, set()).add(token)
        texts = dict(Lead.objects.filter(pk__in=ids).values_list("pk", "search_text"))
        return tokens, texts

    loaded = snapshot()
    with transaction.atomic():
        t0, c0 = time.monotonic(), time.process_time()
        reindex_leads(ids)
        elapsed, cpu = time.monotonic() - t0, time.process_time() - c0
        reindexed = snapshot()
        transaction.set_rollback(True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"reference, same run: reindex_leads (the production path, index only) {len(ids) / elapsed:,.0f} "
        f"leads/s (this process's cpu {cpu:.1f} s: {len(ids) / max(cpu, 1e-6):,.0f} leads/cpu-s; "
        f"load average {load})"
    )
    bad = [i for i in ids if loaded[0].get(i) != reindexed[0].get(i) or loaded[1][i] != reindexed[1][i]]
    n_tokens = sum(len(t) for t in loaded[0].values())
    if bad:
        i = bad[0]
        print(f"  lead {i}: loaded {sorted(loaded[0].get(i, ()))!r} {loaded[1][i]!r}")
        print(f"  lead {i}: reindex {sorted(reindexed[0].get(i, ()))!r} {reindexed[1][i]!r}")
        sys.exit(f"check FAILED: {len(bad)} of {len(ids)} leads differ from reindex_leads")
    print(
        f"check: the index of {len(ids):,} random leads ({n_tokens:,} tokens and their search_text) "
        f"is identical to reindex_leads' ({time.monotonic() - started:.1f} s)"
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for table in bulk.TABLES:
                if problems := cursor.execute(f"PRAGMA foreign_key_check({table})").fetchmany(5):
                    sys.exit(f"check FAILED: foreign keys of {table}: {problems}")
        print("check: foreign keys OK")
    schema()


# Columns that hold the time of the load (the rows are otherwise the same for the same seed).
LOAD_TIME = {"created_at", "updated_at", "published_at", "valid_until", "verified_at", "verified_until"}


def _normal(value) -> str:
    """One value as text, the same from either database (Django's converters already ran)."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return repr(str(value) if isinstance(value, uuid.UUID) else value)


def fingerprint() -> dict[str, str]:
    """A SHA-256 per table the load writes, over every row in id order and every column except the
    load time's (``LOAD_TIME``), read through the models so that SQLite and PostgreSQL give the same
    digests for the same rows; the match index versions by key only (their values are tokens)."""
    from django.db import connection

    from scotemp.accounts.models import Organization
    from scotemp.directory.models import OrganizationProfile
    from scotemp.trade.models import Lead, MatchIndexVersion

    started = time.monotonic()
    digests = {}
    for model in (Organization, OrganizationProfile, Lead):
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in LOAD_TIME]
        digest, count = hashlib.sha256(), 0
        for row in model.objects.order_by("pk").values_list(*names).iterator(chunk_size=20_000):
            digest.update("\t".join(map(_normal, row)).encode())
            digest.update(b"\n")
            count += 1
        digests[model._meta.db_table] = f"{digest.hexdigest()[:16]} ({count:,} rows)"
    raw = {
        "trade_lead_countries": "SELECT id, lead_id, country_id FROM trade_lead_countries ORDER BY id",
        # by lead and token, without the ids: PostgreSQL numbers a lead's tokens in any order
        "trade_leadsearchtoken": (
            "SELECT lead_id, token, '' FROM trade_leadsearchtoken ORDER BY lead_id, token"
        ),
    }
    with connection.cursor() as cursor:
        for table, sql in raw.items():
            digest, count = hashlib.sha256(), 0
            cursor.execute(sql)
            while rows := cursor.fetchmany(100_000):
                digest.update("".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows).encode())
                count += len(rows)
            digests[table] = f"{digest.hexdigest()[:16]} ({count:,} rows)"
    keys = sorted(MatchIndexVersion.objects.values_list("key", flat=True))
    digests[MatchIndexVersion._meta.db_table] = (
        f"{hashlib.sha256(' '.join(keys).encode()).hexdigest()[:16]} ({len(keys)} keys)"
    )
    for table, value in digests.items():
        print(f"fingerprint {table:<32} {value}")
    print(f"fingerprint: {time.monotonic() - started:.1f} s (columns of the load time left out)")
    return digests


def schema() -> None:
    """The match index triggers and the indexes of the loaded tables are back after the load."""
    import importlib

    from django.db import connection

    log = importlib.import_module("scotemp.trade.migrations.0006_match_index_change_log")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {name for (name,) in cursor.fetchall()}
            expected = set(log.SQLITE)
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'")
            triggers = {name for (name,) in cursor.fetchall()}
            expected = {name for name, *_rest in log.PG_TRIGGERS}
        indexes = {
            table: len(connection.introspection.get_constraints(cursor, table)) for table in bulk.TABLES
        }
    if missing := expected - triggers:
        sys.exit(f"check FAILED: match index triggers missing: {sorted(missing)}")
    print(
        f"check: {len(expected)} match index triggers enabled; constraints and indexes: "
        + ", ".join(f"{t} {n}" for t, n in indexes.items())
    )
