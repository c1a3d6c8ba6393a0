"""HS picker benchmark (not a test): p50/p95 of the type-ahead for the four example queries
("小麦", "пшеница", "wheat", "1001") and 200 random ones, against a bare dict lookup.

    SCOTEMP_MODE=demo .venv/bin/python bench/hs_picker.py [--queries 200] [--rounds 20]

Reads the reference tables of the configured database (run ``load_reference`` first). Two timings
per query: ``search_hs`` (the in-memory index, as the API calls it) and the whole request
``GET /api/v1/hs?q=`` through Django's test client (URL routing, auth, JSON). The baseline is a
dict lookup of the same HS code in the same run; the ratio shows the cost of ranking.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = ["小麦", "пшеница", "wheat", "1001"]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def random_queries(index, n, rng):
    from scotemp.trade.hs_picker.words import _name_words

    queries = []
    entries = index.entries
    while len(queries) < n:
        entry = rng.choice(entries)
        kind = rng.random()
        if kind < 0.25:
            queries.append(entry.code[: rng.choice([2, 3, 4, 6])])
            continue
        lang = rng.choice(range(3))
        latin, cjk = _name_words(entry.starts[lang])
        words = [w for w in latin + cjk.split() if len(w) >= 2]
        if not words:
            continue
        word = rng.choice(words)
        if any("\u4e00" <= ch <= "\u9fff" for ch in word):
            start = rng.randrange(max(1, len(word) - 1))
            queries.append(word[start : start + 2])
        else:
            queries.append(word[: rng.randint(3, max(3, min(8, len(word))))])
    return queries


def time_calls(fn, queries, rounds):
    samples = []
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SCOTEMP_MODE", "demo")
    import django

    django.setup()
    from django.test import Client
    from django.utils import translation

    from scotemp.trade import hs_picker

    translation.activate("en")
    started = time.perf_counter()
    hs_picker.invalidate()
    index = hs_picker.get_index()
    build = (time.perf_counter() - started) * 1000
    print(f"index: {len(index.entries)} headings and subheadings, built in {build:.0f} ms")
    for q in EXAMPLES:
        top = hs_picker.search_hs(q)[0]
        print(f"  {q!r:12} → {top['code']} {top['name']}")
    rng = random.Random(4)
    sets = {"examples": EXAMPLES, f"random {args.queries}": random_queries(index, args.queries, rng)}
    codes = list(index.by_code)
    table = dict(index.by_code)
    client = Client()
    print(f"{'queries':14} {'what':22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, queries in sets.items():
        rounds = args.rounds if name == "examples" else max(1, args.rounds // 4)
        direct = time_calls(lambda q: hs_picker.search_hs(q), queries, rounds)
        http = time_calls(lambda q: client.get("/api/v1/hs", {"q": q}), queries, max(1, rounds // 2))
        keys = [rng.choice(codes) for _ in queries]
        baseline = time_calls(lambda k: table.get(k), keys, rounds)
        for what, samples in (("search_hs", direct), ("GET /api/v1/hs", http), ("dict lookup", baseline)):
            print(f"{name:14} {what:22} {pct(samples, 50):8.3f} {pct(samples, 95):8.3f} {max(samples):8.3f}")
        ratio = statistics.median(direct) / max(statistics.median(baseline), 1e-9)
        print(f"{name:14} ratio search_hs / dict lookup (p50): {ratio:,.0f}x")
    target = 100
    worst = max(
        pct(time_calls(lambda q: client.get("/api/v1/hs", {"q": q}), q_set, 1), 95) for q_set in sets.values()
    )
    print(f"p95 of the whole request ≤ {target} ms: {'yes' if worst <= target else 'NO'} ({worst:.1f} ms)")


if __name__ == "__main__":
    main()
