"""``leads_dataset.py --check N``: the bulk-loaded search index against the production code."""

import os
import random
import sys
import time

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
