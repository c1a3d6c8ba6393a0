"""Deals benchmark (not a test): report, quotation comparison, concurrent transitions.

    .venv/bin/python bench/deals.py [--quick]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scotemp .venv/bin/python bench/deals.py [--quick]

Throw-away database: SQLite in a temporary directory (a file: the 50 threads need real connections),
or with ``DATABASE_URL`` the database ``<its name>_deals`` on that server (C.UTF-8, dropped at the end).
Rows are made with ``bulk_create`` on the models, not through the actions. Figures are RATIOS of
measurements of the same run (the machine is noisy): 1. ``deal_report()`` at 1,000 and 10,000 agreed
deals (time, queries, tracemalloc peak); 2. ``compare_quotations(rfq, "CNY")`` with 1 and 20 sellers;
3. 50 threads behind a barrier making conflicting transitions of one deal vs one uncontended
transition. The documents have their own benchmark, ``bench/documents.py``. See bench/README.md.
"""

import argparse
import datetime
import functools
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ("CN", "RU", "KZ", "UZ", "KG", "TJ", "IN", "PK", "IR", "BY")
CURRENCIES = ("USD", "CNY", "RUB", "KZT", "UZS", "EUR", "INR", "KGS")
AFTER_AGREEMENT = ["agreed"] * 6 + ["signed"] * 5 + ["fulfilment"] * 4 + ["completed"] * 4 + ["cancelled"]
N_THREADS = 50
HS = "100199"
YEAR_START = datetime.datetime(2026, 1, 1, 1, tzinfo=datetime.UTC)


def setup() -> tuple[str, callable]:
    """Point Django at a new throw-away database, migrate it, load the reference data and demo rates;
    returns a label and the function that removes the database."""
    tmp = Path(tempfile.mkdtemp(prefix="scotemp-bench-deals-"))
    os.environ.update(SCOTEMP_MODE="demo", DEBUG="0", LOG_LEVEL="WARNING", SCOTEMP_VAR_DIR=str(tmp))
    url = os.environ.get("DATABASE_URL", "")
    base, _sep, name = url.rpartition("/")
    postgres, db = url.startswith("postgres"), f"{name.split('?')[0]}_deals"

    def admin(sql):  # run on the server's "postgres" database, never on the one DATABASE_URL names
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
    print(f"database: {label}\nmigrating, loading reference data and demo FX rates …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("load_fx", str(DEMO_RATES_CSV), demo=True, verbosity=0)
    print(f"  ready in {time.monotonic() - started:.0f} s")

    def cleanup():
        from django.db import connections

        connections.close_all()
        if postgres:
            admin(f"DROP DATABASE IF EXISTS {db}")
        shutil.rmtree(tmp, ignore_errors=True)

    return label, cleanup


def timed(fn, repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``fn`` (one warm-up call first, not counted)."""
    fn()
    return statistics.median(elapsed(fn) for _i in range(repeat))


def elapsed(fn) -> float:
    """Seconds one call of ``fn`` takes."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def queries(fn) -> int:
    """How many SQL queries one call of ``fn`` makes on the default connection."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def peak(fn) -> int:
    """The peak of Python memory allocated during one call of ``fn`` (tracemalloc), in bytes."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


class World:
    """Organizations, committees, users and reference keys the generated rows point at."""

    def __init__(self, rng: random.Random):
        from django.contrib.auth import get_user_model

        from scotemp.accounts.models import Membership, Organization
        from scotemp.committees.models import Committee
        from scotemp.reference.models import Location

        self.rng = rng
        Organization.objects.bulk_create(
            Organization(name=f"Bench {c} {i}", country_id=c, type="trader")
            for i in range(20)
            for c in COUNTRIES
        )
        self.orgs = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        Committee.objects.bulk_create(
            Committee(slug=f"bench-{i}", name=f"Committee {i}", description="-") for i in range(4)
        )
        self.committees = [*Committee.objects.values_list("pk", flat=True), None]
        self.places = list(Location.objects.order_by("locode").values_list("locode", flat=True)[:50])
        users = get_user_model().objects
        self.buyer_user = users.create_user(email="buyer@bench.test", password=None)
        self.seller_user = users.create_user(email="seller@bench.test", password=None)
        Membership.objects.create(user=self.buyer_user, organization_id=self.orgs[0])
        Membership.objects.create(user=self.seller_user, organization_id=self.orgs[1])

    def deals(self, n: int, status: str | None = None, pair: tuple[int, int] | None = None) -> list[int]:
        """``n`` deals, each with its RFQ, inquiry, accepted quotation and accepted term sheet; without
        ``status`` they reached agreement on a day of 2026 (``AFTER_AGREEMENT`` mix). Returns their ids."""
        from django.db import transaction
        from django.utils import timezone

        from scotemp.deals.models import Deal, Inquiry, Quotation, Rfq, TermSheet

        rng, today = self.rng, timezone.localdate()
        rows = {model: [] for model in (Rfq, Inquiry, Quotation, Deal, TermSheet)}
        for _i in range(n):
            b, s = pair or (rng.choice(self.orgs), rng.choice(self.orgs))
            at = YEAR_START + datetime.timedelta(seconds=rng.randrange(363 * 86400))
            place, qty = rng.choice(self.places), Decimal(rng.choice([10, 25, 100, 500]))
            what = dict(unit_id="TNE", incoterm_id="FCA", incoterm_place_id=place, quantity=qty)
            price = Decimal(rng.randint(100, 90000)) / 100
            price = dict(what, unit_price=price, currency_id=rng.choice(CURRENCIES), payment_terms="T/T")
            committee = rng.choice(self.committees)
            rfq = Rfq(buyer_id=b, goods="Wheat", hs_code_id=HS, committee_id=committee, **what)
            inquiry = Inquiry(rfq=rfq, buyer_id=b, seller_id=s, status="accepted")
            quote = Quotation(
                inquiry=inquiry, status="accepted", lead_time_days=30, valid_until=today, **price
            )
            state = status or rng.choice(AFTER_AGREEMENT)
            deal = Deal(inquiry=inquiry, quotation=quote, buyer_id=b, seller_id=s, committee_id=committee)
            deal.status, deal.agreed_at, deal.status_changed_at = state, None if status else at, at
            terms = TermSheet(deal=deal, version=1, status="accepted", proposed_by_org_id=s, goods="Wheat")
            terms.hs_code_id, terms.delivery_from, terms.delivery_until = HS, today, today
            for key, value in price.items():
                setattr(terms, key, value)
            for obj in (rfq, inquiry, quote, deal, terms):
                rows[type(obj)].append(obj)
        with transaction.atomic():
            for model, objs in rows.items():  # in dependency order: each FK's target has its pk by now
                model.objects.bulk_create(objs, batch_size=1000)
            for deal, terms in zip(rows[Deal], rows[TermSheet], strict=True):
                deal.current_terms, deal.agreed_terms = terms, None if status else terms
            Deal.objects.bulk_update(rows[Deal], ["current_terms", "agreed_terms"], batch_size=500)
        return [d.pk for d in rows[Deal]]

    def rfq(self, sellers: int):
        """An RFQ sent to ``sellers`` organizations, each with a current quotation (mixed currencies)."""
        from django.utils import timezone

        from scotemp.deals.models import Inquiry, Quotation, Rfq

        what = dict(unit_id="TNE", incoterm_id="FCA", incoterm_place_id=self.places[0], quantity=Decimal(100))
        rfq = Rfq.objects.create(buyer_id=self.orgs[0], goods="Wheat", hs_code_id="100199", **what)
        inquiries = Inquiry.objects.bulk_create(
            Inquiry(rfq=rfq, buyer_id=self.orgs[0], seller_id=s, status="quoted")
            for s in self.orgs[1 : 1 + sellers]
        )
        Quotation.objects.bulk_create(
            Quotation(inquiry=inq, unit_price=Decimal(200 + k), currency_id=CURRENCIES[k % len(CURRENCIES)],
                      lead_time_days=30, payment_terms="T/T", valid_until=timezone.localdate(), **what)
            for k, inq in enumerate(inquiries)
        )  # fmt: skip
        return rfq


def bench_report(world: World, small: int, large: int) -> None:
    from scotemp.deals.reporting import deal_report

    print(f"\n1. deal_report() over {small:,} and {large:,} agreed deals")
    figures, created = {}, 0
    for n in (small, large):
        started = time.monotonic()
        world.deals(n - created)
        created, totals = n, deal_report().totals
        assert totals.deals + totals.cancelled == n and not totals.unconverted, (totals, n)
        print(f"  {n:,} deals in the database ({time.monotonic() - started:.1f} s)", flush=True)
        t, q, m = timed(deal_report, 10 if n == small else 3), queries(deal_report), peak(deal_report)
        figures[n] = t, q, m
        print(f"  {n:>7,} deals: {t * 1000:7.1f} ms per call, {q} queries, tracemalloc peak {m / 1e6:.1f} MB")
    (ts, qs, ms), (tl, ql, ml) = figures[small], figures[large]
    print(
        f"  ratio {large:,}/{small:,} ({large // small}x the deals): time {tl / ts:.1f}x, peak {ml / ms:.1f}x"
    )
    print(f"  queries {qs} vs {ql}: {'equal' if qs == ql else 'DIFFERENT'}")


def bench_compare(world: World, quick: bool) -> None:
    from scotemp.deals.queries import compare_quotations

    print("\n2. compare_quotations(rfq, 'CNY'), 1 vs 20 sellers")
    figures = {}
    for sellers in (1, 20):
        rfq = world.rfq(sellers)
        assert len(compare_quotations(rfq, "CNY").rows) == sellers

        def call(rfq=rfq):
            return compare_quotations(rfq, "CNY")

        figures[sellers] = t, q = timed(call, 10 if quick else 100), queries(call)
        print(f"  {sellers:>2} seller(s): {t * 1000:6.2f} ms per call, {q} queries")
    (t1, q1), (t20, q20) = figures[1], figures[20]
    same = "equal" if q1 == q20 else "DIFFERENT"
    print(f"  ratio 20/1: time {t20 / t1:.1f}x; queries {q1} vs {q20}: {same}")


def contend(pk: int, users) -> tuple[float, list[str]]:
    """50 threads transition deal ``pk`` at once; returns the seconds from the barrier's release until
    the last one answered, and the outcomes ("ok" or the error code)."""
    from django.core.exceptions import ValidationError
    from django.db import connections

    from scotemp.deals.actions import transition_deal
    from scotemp.deals.models import Deal

    released, outcomes = [], []
    barrier = threading.Barrier(N_THREADS, action=lambda: released.append(time.perf_counter()))

    def attempt(i):
        try:
            deal = Deal.objects.get(pk=pk)  # each thread opens its own connection before the barrier
            barrier.wait()
            action, reason = ("agree", "") if i % 3 else ("cancel", "changed our mind")
            transition_deal(users[i % 2], deal, action, reason=reason, expected_status="negotiating")
            outcomes.append((f"ok {action}", time.perf_counter()))
        except ValidationError as exc:
            outcomes.append((exc.code, time.perf_counter()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return max(at for _r, at in outcomes) - released[0], [r for r, _at in outcomes]


def one_winner(pk: int, results: list[str]) -> bool:
    """The deal moved exactly once, to what its winner asked. "agree" moves a deal only once both sides
    confirmed: until then each side's agreement is recorded (once, however often it is sent) and
    answered "ok" without a move; every answer after the move is a conflict."""
    from scotemp.core.effects import history
    from scotemp.deals.models import Deal, DealConfirmation

    deal = Deal.objects.get(pk=pk)
    events = history(deal).filter(verb="deal.status_changed").count()
    sides = list(DealConfirmation.objects.filter(deal=deal, step="agree").values_list("side", flat=True))
    cancels, agrees = results.count("ok cancel"), results.count("ok agree")
    others = len(results) - cancels - agrees - results.count("conflict")
    if deal.status == "cancelled":
        moved = cancels == 1 and len(sides) <= 1  # a recorded agreement of one side may precede it
    else:
        moved = deal.status == "agreed" and cancels == 0 and sorted(sides) == ["buyer", "seller"]
    return events == 1 and moved and others == 0 and len(set(sides)) == len(sides)


def bench_concurrency(world: World, rounds: int) -> bool:
    from scotemp.deals.actions import transition_deal
    from scotemp.deals.models import Deal

    print(f"\n3. {N_THREADS} concurrent conflicting transitions of one deal (expected_status='negotiating')")
    users, pair = (world.buyer_user, world.seller_user), (world.orgs[0], world.orgs[1])
    agree = functools.partial(
        transition_deal, world.buyer_user, action="agree", expected_status="negotiating"
    )
    singles = [
        elapsed(functools.partial(agree, deal=d))
        for d in Deal.objects.filter(pk__in=world.deals(5, "negotiating", pair=pair))
    ]
    single, walls, every = statistics.median(singles), [], True
    for pk in world.deals(rounds, "negotiating", pair=pair):
        wall, results = contend(pk, users)
        walls.append(wall)
        status = Deal.objects.get(pk=pk).status
        ok = one_winner(pk, results)
        every = every and ok
        verdict = "one move: OK" if ok else f"FAILED {sorted(set(results))}"
        counts = ", ".join(f"{results.count(r)} {r}" for r in sorted(set(results)))
        print(f"  {len(results)} answers ({counts}), now {status}: {verdict}; {wall:.3f} s")
    wall = statistics.median(walls)
    print(f"  one uncontended transition {single * 1000:.1f} ms; all {N_THREADS} answered in {wall:.3f} s")
    print(f"  ratio: {wall / single:.1f}x one transition ({wall / single / N_THREADS:.2f}x per request)")
    return every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to check that it runs")
    args = parser.parse_args()
    label, cleanup = setup()
    try:
        world = World(random.Random(7))
        small, large = (100, 1000) if args.quick else (1000, 10000)
        bench_report(world, small, large)
        bench_compare(world, args.quick)
        ok = bench_concurrency(world, 1 if args.quick else 3)
        load = open("/proc/loadavg").read().split()[:3]
        print(f"\n{label}; load average {' '.join(load)} ({os.cpu_count()} cores)")
    finally:
        cleanup()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
