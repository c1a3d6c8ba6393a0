""" "My matches" at scale: an organization's matches page and API against a large Match table.

    .venv/bin/python bench/my_matches.py [--leads 1000000] [--database sqlite|postgres]
                                         [--per-lead 8] [--runs 40] [--explain] [--regenerate]

Uses the generated leads of ``bench/leads_dataset.py`` (its own database: ``var/bench/leads-<n>.sqlite3``,
or the PostgreSQL database ``scotemp_bench_matches`` on the server of ``DATABASE_URL``), then:

* gives one organization many leads (one lead in 500 is moved to it: 2,000 at 1,000,000 leads), so
  the "many" case exists; the generated organizations hold 25 leads on average;
* fills the Match table directly (the matcher is not run: at 1,000,000 leads it would take hours):
  in each HS chapter every sell offer is paired with ``--per-lead`` random buy requests and every
  buy request with ``--per-lead`` random sell offers, minus pairs of one organization and
  duplicates (about 16 rows a lead with the default 8, as the real store keeps), with score parts
  built like the scorer's (the nine part codes, points within each part's range) and the scores
  their sums; executemany on SQLite, COPY on PostgreSQL, secondary indexes dropped during the
  load and rebuilt after; kept between runs (``--regenerate`` rebuilds it);
* dismisses 10 and bookmarks 20 of each measured organization's matches (through the models), so
  the dismissed-pairs exclusion and the bookmarked list are exercised;
* times, for an organization with few leads (about 6), a typical one and the one with many:
  ``organization_matches`` (count + first page + ``match_views``, what the view runs), page 50, the
  bookmarked list, ``lead_matches`` of one of its leads, and through the test client the rendered
  ``/leads/matches/``, ``/api/v1/matches`` and ``/api/v1/leads/<id>/matches``; each next to a
  primary-key lookup of one Match row measured in the same run (the reference). Prints p50/p95 in
  milliseconds, the HTML size, the query count and the load average.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import leads_dataset  # noqa: E402

leads_dataset.POSTGRES_DB = "scotemp_bench_matches"  # not the shared leads database: its Match table is ours
BIG_ORG_EVERY = 500
SEED = 23


def _parts_variants(rng: random.Random, n: int = 400) -> list[tuple[float, str]]:
    """Score parts shaped like ``scoring.score``'s, with their totals, as JSON strings."""
    from scotemp.trade.matching import scoring as s

    variants = []
    for _ in range(n):
        hs = rng.choices(["hs_subheading", "hs_heading", "hs_chapter"], [6, 3, 1])[0]
        origin_ok, dest_ok = rng.random() < 0.8, rng.random() < 0.8
        fit = rng.choice([1.0, 1.0, 0.8, 0.5, 0.25])
        level = rng.choice(list(s.INCOTERM_LEVELS))
        held = rng.choice([1.0, 1.0, 0.5, 0.0])
        sv, bv = rng.random() < 0.3, rng.random() < 0.3
        days = [rng.randrange(0, 180), rng.randrange(0, 180)]
        fresh = (0.5 ** (days[0] / 30) + 0.5 ** (days[1] / 30)) / 2
        parts = [
            {"code": hs, "points": s.HS_POINTS[hs], "hs": "100199"[: {"hs_subheading": 6}.get(hs, 4)]},
            {"code": "origin", "points": s.ORIGIN_POINTS if origin_ok else 0.0, "ok": origin_ok,
             "country": "KZ"},
            {"code": "destination", "points": s.DESTINATION_POINTS if dest_ok else 0.0, "ok": dest_ok,
             "country": "CN"},
            {"code": "quantity", "points": s.QUANTITY_POINTS * fit, "percent": round(fit * 100)},
            {"code": "incoterm", "points": s.INCOTERM_POINTS * s.INCOTERM_LEVELS[level], "level": level,
             "sell": "FCA", "buy": "CPT"},
            {"code": "certifications", "points": s.CERTIFICATION_POINTS * held, "percent": round(held * 100),
             "missing": [] if held == 1.0 else ["ISO 22000"]},
            {"code": "seller_verified", "points": s.VERIFIED_POINTS if sv else 0.0, "ok": sv},
            {"code": "buyer_verified", "points": s.VERIFIED_POINTS if bv else 0.0, "ok": bv},
            {"code": "freshness", "points": s.FRESHNESS_POINTS * fresh, "sell_days": days[0],
             "buy_days": days[1]},
        ]  # fmt: skip
        variants.append((round(sum(p["points"] for p in parts), 6), json.dumps(parts)))
    return variants


def _secondary_indexes(cursor, vendor: str) -> list[tuple[str, str]]:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'trade_match' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trade_match' "
            "AND sql IS NOT NULL"
        )
    return cursor.fetchall()


def ensure_matches(per_lead: int, regenerate: bool) -> None:
    """Fill the Match table (see the module doc) unless it already holds this dataset's rows."""
    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from scotemp.trade.models import Lead, Match, MatchDecision

    n_leads = Lead.objects.count()
    big = Lead.objects.order_by("pk").values_list("organization_id", flat=True).first()
    if not regenerate and Match.objects.filter(sell_organization_id=big).exists():
        print("reusing the generated matches (--regenerate to rebuild)")
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        # One organization with many leads: every 500th lead moves to the organization of the first.
        cursor.execute(f"UPDATE trade_lead SET organization_id = %s WHERE id %% {BIG_ORG_EVERY} = 0", [big])
    MatchDecision.objects.all()._raw_delete(connection.alias)
    Match.objects.all()._raw_delete(connection.alias)
    rows = np.array(
        list(Lead.objects.values_list("pk", "organization_id", "hs_chapter", "kind")), dtype=object
    )
    ids = rows[:, 0].astype(np.int64)
    org_of = np.zeros(int(ids.max()) + 1, dtype=np.int64)
    org_of[ids] = rows[:, 1].astype(np.int64)
    chapter = rows[:, 2].astype(str)
    sell = rows[:, 3] == "sell"
    rng = np.random.default_rng(SEED)
    keys = []
    span = int(ids.max()) + 1
    for ch in np.unique(chapter):
        in_ch = chapter == ch
        s_ids, b_ids = ids[in_ch & sell], ids[in_ch & ~sell]
        if not len(s_ids) or not len(b_ids):
            continue
        keys.append(np.repeat(s_ids, per_lead) * span + rng.choice(b_ids, len(s_ids) * per_lead))
        keys.append(rng.choice(s_ids, len(b_ids) * per_lead) * span + np.repeat(b_ids, per_lead))
    keys = np.unique(np.concatenate(keys))
    sells, buys = keys // span, keys % span
    orgs = org_of[sells], org_of[buys]
    keep = orgs[0] != orgs[1]
    sells, buys, sell_orgs, buy_orgs = sells[keep], buys[keep], orgs[0][keep], orgs[1][keep]
    print(f"  {len(sells):,} pairs drawn in {time.monotonic() - started:.0f} s")
    variants = _parts_variants(random.Random(SEED))
    pick = rng.integers(0, len(variants), len(sells))
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now) if connection.vendor == "sqlite" else now
    columns = (
        "created_at, updated_at, sell_lead_id, buy_lead_id, score, parts, "
        "sell_organization_id, buy_organization_id"
    )
    with connection.cursor() as cursor:
        dropped = _secondary_indexes(cursor, connection.vendor)
        for name, _sql in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
    batch = 200_000
    for start in range(0, len(sells), batch):
        chunk = [
            (stamp, stamp, s, b, variants[v][0], variants[v][1], so, bo)
            for s, b, v, so, bo in zip(
                sells[start : start + batch].tolist(),
                buys[start : start + batch].tolist(),
                pick[start : start + batch].tolist(),
                sell_orgs[start : start + batch].tolist(),
                buy_orgs[start : start + batch].tolist(),
                strict=True,
            )
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = replica")  # no per-row FK triggers
                with cursor.cursor.copy(f"COPY trade_match ({columns}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO trade_match ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", chunk
                )
        done = start + len(chunk)
        print(f"\r  matches {done:,}/{len(sells):,} ({time.monotonic() - started:.0f} s)", end="", flush=True)
    print()
    with connection.cursor() as cursor:
        for name, sql in dropped:
            t = time.monotonic()
            cursor.execute(sql)
            print(f"  index {name} rebuilt in {time.monotonic() - t:.0f} s")
        cursor.execute("ANALYZE")
    print(f"  {len(sells):,} matches for {n_leads:,} leads in {time.monotonic() - started:.0f} s")


def _pick_orgs():
    """(label, organization id, leads) for a small, a typical and the big organization."""
    from django.db.models import Count

    from scotemp.trade.models import Lead

    counts = list(
        Lead.objects.values("organization_id").annotate(n=Count("id")).order_by("n", "organization_id")
    )
    few = min(counts, key=lambda c: (abs(c["n"] - 6), c["organization_id"]))
    typical = counts[len(counts) // 2]
    big = counts[-1]
    return [("few", few["organization_id"], few["n"]), ("typical", typical["organization_id"], typical["n"]),
            ("many", big["organization_id"], big["n"])]  # fmt: skip


def _bench_user(org_ids):
    from scotemp.accounts.models import Membership, User
    from scotemp.trade.choices import MatchAction
    from scotemp.trade.models import Match, MatchDecision

    user, _ = User.objects.get_or_create(email="bench-matches@example.org", defaults={"language": "en"})
    for org_id in org_ids:
        Membership.objects.get_or_create(user=user, organization_id=org_id, defaults={"role": "owner"})
        if not MatchDecision.objects.filter(organization_id=org_id).exists():
            first = list(
                Match.objects.filter(sell_organization_id=org_id).order_by("-score", "pk")[:30]
            ) + list(Match.objects.filter(buy_organization_id=org_id).order_by("-score", "pk")[:30])
            for i, m in enumerate(first[::2]):
                MatchDecision.objects.create(
                    organization_id=org_id, match=m, sell_lead_id=m.sell_lead_id, buy_lead_id=m.buy_lead_id,
                    action=MatchAction.DISMISSED if i < 10 else MatchAction.BOOKMARKED,
                )  # fmt: skip
    return user


def timed(fn, runs: int) -> tuple[float, float]:
    for _ in range(3):
        fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def queries_of(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def explain(label: str, org_id: int, user) -> None:
    from django.db import connection

    from scotemp.trade.models import Lead
    from scotemp.trade.queries.matches import lead_matches, organization_matches

    lead = Lead.objects.filter(organization_id=org_id).order_by("pk").first()
    head = lead_matches(user, lead)[:20]
    sql, params = head.query.get_compiler(using=head.db).as_sql()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        print(f"  plan ({label}, lead_matches):")
        for row in cursor.fetchall():
            print("    " + " | ".join(str(c) for c in row))
    sql, params = organization_matches(user, org_id).statement(0, 20)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        print(f"  plan ({label}):")
        for row in cursor.fetchall():
            print("    " + " | ".join(str(c) for c in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--per-lead", type=int, default=8)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    print("database:", leads_dataset.setup(args.database, args.leads))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    leads_dataset.ensure_dataset(args.leads, args.regenerate)
    ensure_matches(args.per_lead, args.regenerate)

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from scotemp.trade.models import Lead, Match
    from scotemp.trade.queries.matches import lead_matches, match_views, organization_matches

    if connection.vendor == "postgresql":
        # What autovacuum does to a loaded table: the visibility map lets counts read the index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE trade_match")
    print(f"matches: {Match.objects.count():,}  leads: {Lead.objects.count():,}")
    picked = _pick_orgs()
    user = _bench_user([org_id for _l, org_id, _n in picked])
    some_pk = Match.objects.order_by("pk").values_list("pk", flat=True)[Match.objects.count() // 2]
    client = Client()
    client.force_login(user)
    print(
        f"{'case':<44} {'p50 ms':>8} {'p95 ms':>8} {'ref p50':>8} {'p95/ref':>8} {'queries':>7} {'bytes':>8}"
    )

    def report(label, fn, size=None):
        ref = timed(lambda: Match.objects.filter(pk=some_pk).first(), args.runs)
        p50, p95 = timed(fn, args.runs)
        n = queries_of(fn)
        print(f"{label:<44} {p50:8.2f} {p95:8.2f} {ref[0]:8.2f} {p95 / ref[0]:8.0f} {n:7d} {size or '':>8}")

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for label, org_id, n_leads in picked:
            user.active_organization_id = org_id
            user.save(update_fields=["active_organization"])
            rows = organization_matches(user, org_id)
            print(f"-- {label}: organization {org_id}, {n_leads} leads, {rows.count():,} matches shown")
            if args.explain:
                explain(label, org_id, user)

            def page_fn(page=1, bookmarked=False, org_id=org_id):
                rows = organization_matches(user, org_id, bookmarked=bookmarked)
                rows.count()
                return match_views(rows[(page - 1) * 20 : page * 20], org_id)

            lead = Lead.objects.filter(organization_id=org_id).order_by("pk").first()
            report(f"{label}: organization_matches page 1", page_fn)
            report(f"{label}: organization_matches page 50", lambda f=page_fn: f(page=50))
            report(f"{label}: organization_matches bookmarked", lambda f=page_fn: f(bookmarked=True))
            report(
                f"{label}: lead_matches (first 20)",
                lambda lead=lead, org_id=org_id: match_views(lead_matches(user, lead)[:20], org_id),
            )
            html = client.get("/leads/matches/")
            assert html.status_code == 200, html.status_code
            report(f"{label}: GET /leads/matches/", lambda: client.get("/leads/matches/"), len(html.content))
            api = client.get("/api/v1/matches")
            assert api.status_code == 200, api.content[:300]
            report(f"{label}: GET /api/v1/matches", lambda: client.get("/api/v1/matches"), len(api.content))
            url = f"/api/v1/leads/{lead.public_id}/matches"
            report(
                f"{label}: GET /api/v1/leads/<id>/matches",
                lambda url=url: client.get(url),
                len(client.get(url).content),
            )
    print("load average:", " ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
