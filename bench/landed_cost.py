"""Delivered-cost benchmark (not a test): the landed cost of an RFQ with 20 quotations.

    .venv/bin/python bench/landed_cost.py [--repeat 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scotemp .venv/bin/python bench/landed_cost.py

Throw-away database: SQLite in a temporary directory, or with ``DATABASE_URL`` the database
``<its name>_landed`` on that server (dropped at the end); reference data with the curated places only,
the shipped duty and VAT samples, the demo exchange rates. One RFQ (aluminium, DAP Alashankou) of a
Chongqing buyer with 20 quotations on EXW/FCA/CPT/CIP/DAP/DDP in USD, CNY, RUB, KZT and EUR.

Measured, each ``--repeat`` times after a warm-up, p50 and p95:

1. reference: one plain ORM read of the 20 quotations (``select_related`` of what the comparison shows);
2. ``delivered_costs(rfq, quotations, "CNY")`` on those 20 (schedules and rates read once);
3. both together (what the RFQ page adds for the delivered cost).

The route planner's ``freight_estimate`` is the contract's (the network part's own cost is its
benchmark's): its stub answers None, so E/F quotations carry "freight not estimated". Target: p95 of
(2) ≤ 20 ms, reported with its ratio to (1). See bench/README.md.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUOTES = [  # (incoterm, place, currency, unit price)
    ("EXW", "KZALA", "USD", "2300"), ("FCA", "KZALA", "USD", "2320"), ("CPT", "CNAKL", "CNY", "16900"),
    ("CIP", "CNAKL", "EUR", "2150"), ("DAP", "CNAKL", "RUB", "215000"), ("DDP", "CNAKL", "CNY", "19200"),
    ("DAP", "CNAKL", "KZT", "1200000"),
]  # fmt: skip


def setup():
    tmp = Path(tempfile.mkdtemp(prefix="scotemp-bench-landed-"))
    os.environ.update(SCOTEMP_MODE="demo", DEBUG="0", LOG_LEVEL="WARNING", SCOTEMP_VAR_DIR=str(tmp))
    url = os.environ.get("DATABASE_URL", "")
    base, _sep, name = url.rpartition("/")
    postgres, db = url.startswith("postgres"), f"{name.split('?')[0]}_landed"

    def admin(sql):
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    if postgres:
        admin(f"DROP DATABASE IF EXISTS {db}")
        admin(
            f"CREATE DATABASE {db} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
        )
        os.environ["DATABASE_URL"] = f"{base}/{db}"
        label = f"PostgreSQL {base.rsplit('@', 1)[-1]}/{db}"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
        label = f"SQLite {tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from scotemp.reference.fx import DEMO_RATES_CSV

    started = time.monotonic()
    print(f"database: {label}\nmigrating, loading reference data, schedules and demo FX rates …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference", verbosity=0, curated_places_only=True)
    call_command("load_fx", str(DEMO_RATES_CSV), demo=True, verbosity=0)
    print(f"  ready in {time.monotonic() - started:.0f} s", flush=True)

    def cleanup():
        from django.db import connections

        connections.close_all()
        if postgres:
            admin(f"DROP DATABASE IF EXISTS {db}")
        shutil.rmtree(tmp, ignore_errors=True)

    return label, cleanup


def make_rfq(sellers: int = 20):
    from django.utils import timezone

    from scotemp.accounts.models import Organization
    from scotemp.deals.models import Inquiry, Quotation, Rfq

    buyer = Organization.objects.create(name="Bench buyer", country_id="CN", type="trader", city_id="CNCKG")
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Bench seller {i}", country_id=("KZ", "RU", "UZ", "KG")[i % 4], type="trader")
        for i in range(sellers)
    )
    rfq = Rfq.objects.create(
        buyer=buyer, goods="Aluminium", hs_code_id="760110", unit_id="TNE", quantity=Decimal(500),
        incoterm_id="DAP", incoterm_place_id="CNAKL",
    )  # fmt: skip
    inquiries = Inquiry.objects.bulk_create(
        Inquiry(rfq=rfq, buyer=buyer, seller=org, status="quoted") for org in orgs
    )
    terms = [QUOTES[k % len(QUOTES)] for k in range(len(inquiries))]
    Quotation.objects.bulk_create(
        Quotation(
            inquiry=inq, unit_price=Decimal(terms[k][3]), currency_id=terms[k][2],
            incoterm_id=terms[k][0], incoterm_place_id=terms[k][1], unit_id="TNE", quantity=Decimal(500),
            lead_time_days=30, payment_terms="T/T", valid_until=timezone.localdate(),
        )
        for k, inq in enumerate(inquiries)
    )  # fmt: skip
    return Rfq.objects.select_related("incoterm_place", "buyer__city").get(pk=rfq.pk)


def measure(fn, repeat: int) -> tuple[float, float]:
    fn()
    runs = []
    for _i in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    runs.sort()
    return statistics.median(runs), runs[max(0, int(len(runs) * 0.95) - 1)]


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of delivered_costs")
    args = parser.parse_args()
    started = time.monotonic()
    _label, cleanup = setup()
    try:
        from scotemp.deals.models import Quotation
        from scotemp.logistics.queries.costs.rfq import delivered_costs

        rfq = make_rfq()

        def read():
            return [
                (q, q.inquiry.seller)
                for q in Quotation.objects.filter(inquiry__rfq=rfq).select_related(
                    "currency", "unit", "incoterm", "incoterm_place", "inquiry__seller"
                )
            ]

        pairs = read()
        result = delivered_costs(rfq, pairs, "CNY")
        assert len(result) == 20 and all(d.cost is not None for d in result.values()), result
        complete = sum(1 for d in result.values() if d.cost.complete)
        rows = [
            ("reference: ORM read of the 20 quotations", read),
            ("delivered_costs of the 20", lambda: delivered_costs(rfq, pairs, "CNY")),
            ("read + delivered_costs", lambda: delivered_costs(rfq, read(), "CNY")),
        ]
        print(
            f"\n20 quotations, {complete} complete totals (the others: freight not estimated), "
            f"repeat {args.repeat}"
        )
        print(f"{'':45} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        figures = {}
        for name, fn in rows:
            p50, p95 = measure(fn, args.repeat)
            figures[name] = p95
            print(f"{name:45} {p50:8.2f} {p95:8.2f} {count_queries(fn):8d}")
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(lambda: [delivered_costs(rfq, pairs, "CNY") for _i in range(50)])
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        full = figures["delivered_costs of the 20"]
        reference = figures["reference: ORM read of the 20 quotations"]
        print(f"\nratio to the reference (p95): {full / reference:.1f}×")
        print(
            f"verdict: p95 {full:.2f} ms {'≤' if full <= 20 else '>'} 20 ms → "
            f"{'OK' if full <= 20 else 'MISSED'}"
        )
    finally:
        cleanup()
    print(f"total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
