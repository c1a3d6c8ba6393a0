"""Lead search benchmark: p50/p95 of ``search_leads`` (first page + total up to 10,000), 100k or 1M leads.

    .venv/bin/python bench/lead_search.py [--leads 1000000] [--database sqlite|postgres]
                                          [--queries 200] [--reindex] [--regenerate]
                                          [--only zh,ru,en,facet]

The leads come from the shared generator ``bench/leads_dataset.py`` (same distributions as the
matching benchmark), in this benchmark's own databases so the two benchmarks never rebuild each
other's data: ``$SCOTEMP_VAR_DIR/bench/lead-search-<n>.sqlite3`` (``var/bench`` by default; or the
file ``BENCH_SQLITE``), or with ``--database postgres`` the database ``scotemp_bench_lead_search`` on
the server of ``DATABASE_URL`` (created with a C.UTF-8 locale). The generator writes the search
index as ``reindex_all`` does (``leads_dataset.py --check`` compares them); ``--reindex`` rebuilds
it with ``reindex_all`` itself (the production code path), then runs ANALYZE (VACUUM ANALYZE on
PostgreSQL). ``BENCH_DATASET=<name>`` uses another dataset database (see ``leads_dataset.py``).

Measured, each ``--queries`` times, through ``scotemp.trade.search.search_leads`` (facets off, as
the API's list does; facet counts are shown separately for information):

* ``小麦`` — a 2-character Chinese query;
* ``пшеницы`` — a Russian word in another case than the stored "пшеница";
* ``wheat`` — an English word;
* ``kind=sell&hs=1001&origin=KZ`` — facets only;
* baseline: a bare indexed lookup of one token (first 20 lead ids), in the same run.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

POSTGRES_DB = "scotemp_bench_lead_search"
TARGET_P95_MS = 100.0


def setup(database: str, leads: int) -> str:
    """This benchmark's own database (see the module docstring), set up by ``leads_dataset.setup``."""
    from leads_dataset import setup as dataset_setup

    default = (
        POSTGRES_DB if database == "postgres" else os.environ.get("BENCH_SQLITE") or f"lead-search-{leads}"
    )
    return dataset_setup(database, leads, os.environ.get("BENCH_DATASET") or default)


def ensure_index(force: bool) -> None:
    from scotemp.trade.models import Lead, LeadSearchToken
    from scotemp.trade.search import reindex_all

    if not force and LeadSearchToken.objects.exists():
        print("reusing the search index (--reindex to rebuild)")
        return
    total = Lead.objects.count()
    print(f"indexing {total:,} leads …")
    started = time.monotonic()

    def progress(done, total):
        rate = done / max(time.monotonic() - started, 1e-6)
        end = "\n" if done >= total else "\r"
        print(f"  reindex: {done:>9,}/{total:,} ({rate:,.0f} leads/s)", end=end, flush=True)

    reindex_all(progress=progress, batch=20_000)
    print(f"  indexed in {time.monotonic() - started:.1f} s, {LeadSearchToken.objects.count():,} tokens")


def analyze() -> None:
    """Fresh planner statistics (and, on PostgreSQL, the visibility map that index-only scans need)."""
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"analyzed in {time.monotonic() - started:.1f} s")


def measure(fn, runs: int) -> tuple[list[float], object]:
    result = fn()  # warm-up (connection, HS vocabulary, page cache)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reindex", action="store_true")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--only", default="", help="comma-separated query kinds to run: zh,ru,en,facet (default: all)"
    )
    args = parser.parse_args()
    print("database:", setup(args.database, args.leads))

    from leads_dataset import ensure_dataset

    generated = ensure_dataset(args.leads, args.regenerate)  # with its search index and ANALYZE
    ensure_index(args.reindex)
    if args.reindex or not generated:
        analyze()

    from scotemp.core.text import stem
    from scotemp.trade.models import LeadSearchToken
    from scotemp.trade.search import search_leads

    cases = {
        "zh": ("q=小麦 (2-char Chinese)", {"q": "小麦"}),
        "ru": ("q=пшеницы (Russian, other case)", {"q": "пшеницы"}),
        "en": ("q=wheat (English)", {"q": "wheat"}),
        "facet": ("kind=sell&hs=1001&origin=KZ", {"kind": "sell", "hs": "1001", "origin": "KZ"}),
    }
    only = [k.strip() for k in args.only.split(",") if k.strip()]
    if unknown := set(only) - set(cases):
        parser.error(f"unknown query kinds: {', '.join(sorted(unknown))}")
    cases = [cases[k] for k in (only or cases)]
    token = stem("wheat")

    def baseline():
        return list(LeadSearchToken.objects.filter(token=token).values_list("lead_id", flat=True)[:20])

    base_times, _ = measure(baseline, args.queries)
    base_p95 = pct(base_times, 95)
    rows = []
    for label, params in cases:
        times, (leads, total, _f) = measure(
            lambda params=params: search_leads(params, None, with_facets=False), args.queries
        )
        rows.append((label, pct(times, 50), pct(times, 95), total, len(leads)))
    facet_runs = 1 if only else 5
    facet_times, _ = measure(
        lambda: search_leads({"q": "wheat"}, None, with_facets=True), 5 if not only else 1
    )

    print(f"\n{args.leads:,} open leads, {args.queries} queries each, first page of 20 + total up to 10,000")
    print(f"{'query':38} {'p50 ms':>8} {'p95 ms':>8} {'p95/base':>9} {'matches':>9}  target p95")
    for label, p50, p95, total, _n in rows:
        verdict = "ok" if p95 <= TARGET_P95_MS else "MISSED"
        print(f"{label:38} {p50:8.1f} {p95:8.1f} {p95 / base_p95:9.1f} {total:9,}  ≤ 100 ms {verdict}")
    print(f"{'baseline: bare token lookup':38} {pct(base_times, 50):8.2f} {base_p95:8.2f} {1:9.1f}")
    print(
        f"{'(info) q=wheat with facet counts':38} {pct(facet_times, 50):8.1f} {pct(facet_times, 95):8.1f}"
        f" {pct(facet_times, 95) / base_p95:9.1f}   ({facet_runs} queries)"
    )


if __name__ == "__main__":
    main()
