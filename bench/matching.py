"""Matching benchmark (not a test): top-20 matches of new leads, engine vs brute force.

    .venv/bin/python bench/matching.py [--leads 100000] [--database sqlite|postgres] [--samples 200]
                                       [--brute-samples 200] [--rematch N|all] [--regenerate]

Uses the dataset of bench/leads_dataset.py (generated on first use). Inserts ``--samples`` new open
leads drawn from the same distributions, and for each one times ``top_matches`` (the engine) and
``brute_force_top_matches`` (every open lead of the other kind scored with the same function, in a
plain Python loop) on the first ``--brute-samples`` of them, asserting that both return the
IDENTICAL top 20 (ids, scores, order). Before measuring, the engine's in-process index is warmed
(every chapter group loaded once, as a long-running worker has it; the time is printed). Prints
p50/p95 of both and their ratio. ``--rematch N`` then runs ``recompute_matches`` (the per-lead
task's code) for N leads, ``--rematch all`` the background job ``rematch_everything`` (the task's
code, called in-process: ``rematch_all``, storing Match rows, no notifications). Peak memory is
``resource.getrusage(RUSAGE_SELF).ru_maxrss``. The new leads are deleted at the end.
"""

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import leads_dataset


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--brute-samples", type=int, default=None, help="default: all samples")
    parser.add_argument("--rematch", default="0", help="re-match N existing leads, or 'all'")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--clear-matches", action="store_true", help="delete every Match row before --rematch (worst case)"
    )
    args = parser.parse_args()
    label = leads_dataset.setup(args.database, args.leads)
    print("database:", label)
    leads_dataset.ensure_dataset(args.leads, args.regenerate)

    from django.db import connection, transaction

    from scotemp.trade.matching import cache as match_index
    from scotemp.trade.matching.engine import brute_force_top_matches, top_matches
    from scotemp.trade.matching.records import load_record
    from scotemp.trade.models import Lead, Match

    new_ids = leads_dataset.new_leads(args.samples, seed=int(time.time()) % 1000)
    try:
        t0 = time.perf_counter()
        chapters = list(
            Lead.objects.open().order_by("hs_chapter").values_list("hs_chapter", flat=True).distinct()
        )
        for chapter in chapters:  # what a long-running worker holds (not measured per query)
            for kind in ("sell", "buy"):
                match_index.group(kind, chapter)
        warm = time.perf_counter() - t0
        print(
            f"index warmed: {len(chapters)} chapters x 2 kinds in {warm:.1f} s, maxrss {maxrss_mb():,.0f} MB"
        )
        for lead_id in new_ids[:5]:  # warm-up (not measured)
            top_matches(lead_id)
        brute_n = args.samples if args.brute_samples is None else args.brute_samples
        fast, brute, sizes = [], [], []
        for i, lead_id in enumerate(new_ids):
            q = load_record(lead_id)
            t0 = time.perf_counter()
            got = top_matches(q)
            fast.append((time.perf_counter() - t0) * 1000)
            sizes.append(len(got))
            if i < brute_n:
                t0 = time.perf_counter()
                want = brute_force_top_matches(q)
                brute.append((time.perf_counter() - t0) * 1000)
                assert [(t, c) for t, c, _p in got] == [(t, c) for t, c, _p in want], (
                    lead_id,
                    got[:3],
                    want[:3],
                )
            print(f"  {i + 1}/{len(new_ids)}", end="\r", flush=True)
        open_n = Lead.objects.open().count()
        print(f"\n{connection.vendor}, {open_n:,} open leads, {len(new_ids)} new leads, top 20")
        print(f"{'':<12} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
        for name, values in (("engine", fast), ("brute force", brute)):
            p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
            print(f"{name:<12} {p50:>9.1f} {p95:>9.1f} {max(values):>9.1f}")
        ratio50 = percentile(brute, 0.5) / percentile(fast, 0.5)
        ratio95 = percentile(brute, 0.95) / percentile(fast, 0.95)
        print(f"ratio brute/engine: p50 {ratio50:,.0f}x, p95 {ratio95:,.0f}x")
        median = percentile(sizes, 0.5)
        print(
            f"identical top 20 (ids, scores, order) for all {len(brute)} compared leads of "
            f"{len(new_ids)} (median {median:.0f} matches)"
        )
        flag = "OK" if percentile(fast, 0.95) <= 50 else "ABOVE the 50 ms target"
        print(f"engine p95 {percentile(fast, 0.95):.1f} ms: {flag}; peak memory {maxrss_mb():,.0f} MB")
        load = open("/proc/loadavg").read().split()[:3]
        print(f"load average {' '.join(load)} ({os.cpu_count()} cores)")
    finally:
        with transaction.atomic():
            Match.objects.filter(sell_lead_id__in=new_ids).delete()
            Match.objects.filter(buy_lead_id__in=new_ids).delete()
            Lead.countries.through.objects.filter(lead_id__in=new_ids).delete()
            Lead.objects.filter(id__in=new_ids)._raw_delete(connection.alias)

    if args.rematch != "0":
        from scotemp.trade.matching.store import recompute_matches
        from scotemp.trade.tasks.matching import rematch_everything

        if args.clear_matches:
            with transaction.atomic():
                Match.objects.all()._raw_delete(connection.alias)
        started = time.monotonic()
        if args.rematch == "all":
            totals = rematch_everything.call()
            n = totals["leads"]
            print(f"rematch_everything: {totals}")
        else:
            n = int(args.rematch)
            ids = list(Lead.objects.open().values_list("id", flat=True))
            for lead_id in random.Random(5).sample(ids, n):
                recompute_matches(lead_id, notify=False)
        elapsed = time.monotonic() - started
        rows = Match.objects.count()
        full = Lead.objects.open().count() * elapsed / n
        print(f"\nrematch: {n:,} leads in {elapsed:,.1f} s ({n / elapsed:,.0f}/s), {rows:,} Match rows")
        print(f"  projected for all {Lead.objects.open().count():,} open leads: {full / 60:,.1f} min")
        print(f"  peak memory (maxrss): {maxrss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
