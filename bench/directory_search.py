"""Directory search benchmark (not a test): 100,000 generated organizations, p50/p95 per query kind.

    .venv/bin/python bench/directory_search.py [--orgs 100000] [--database sqlite|postgres]
                                               [--queries 200] [--regenerate]

Writes to its own database, never the project's: var/bench/directory_search.sqlite3, or with
``--database postgres`` the database ``scotemp_bench`` on the server of ``DATABASE_URL`` (created if
missing). Data is generated once and reused while the organization count matches. Every query goes
through ``scotemp.directory.queries.search`` - the function the directory page and the API
call (count + first page of 20 with their activities). The baseline is a bare primary-key lookup of
the same rows, in the same run. See bench/README.md.
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

SEED = 3
COUNTRY_WEIGHTS = {
    "CN": 38,
    "RU": 16,
    "KZ": 10,
    "UZ": 7,
    "KG": 4,
    "BY": 4,
    "TJ": 3,
    "IN": 7,
    "PK": 4,
    "IR": 2,
    "MN": 1,
    "TR": 2,
    "AZ": 1,
    "AE": 1,
}
# Extra brand syllables, so 100,000 names are not a few thousand names repeated.
CN_BRAND_CHARS = "华中兴盛鑫宏达丰瑞恒通泰安康富源金银利博远联合海天新东西南北星光明力德信诚"
CYR_BRANDS = ["Альфа", "Вектор", "Гранит", "Дельта", "Заря", "Импульс", "Кристалл", "Лидер", "Надежда"]
CYR_BRANDS += ["Ника", "Омега", "Прогресс", "Радуга", "Сокол", "Темп", "Успех", "Факел", "Эталон"]
LATIN_BRANDS = ["Apex", "Blue River", "Crescent", "Delta", "Evergreen", "Falcon", "Golden", "Horizon"]
LATIN_BRANDS += ["Imperial", "Jade", "Keystone", "Lotus", "Monarch", "Nova", "Orchid", "Pinnacle", "Zenith"]
DESCRIPTIONS = {
    "zh_hans": ["专业生产和出口{t}产品，质量可靠。", "主要从事{t}进出口贸易和物流服务。"],
    "ru": ["Производство и экспорт: {t}. Поставки в страны ШОС.", "Оптовая торговля, {t}, логистика."],
    "en": ["Producer and exporter of {t} products.", "Wholesale trade in {t}, logistics and customs."],
}
ACTIVITIES = ["exporter", "importer", "manufacturer", "wholesaler", "forwarder", "customs_broker", "bank"]
ACTIVITY_WEIGHTS = [30, 25, 25, 10, 6, 3, 1]

CJK_QUERIES = ["铝业", "粮油", "机械", "化工", "重庆", "成都", "茶业", "医药", "矿业", "物流", "华欧"]
CJK_QUERIES += ["长江", "金桥", "配件", "电子", "宏达", "上海", "瑞丰", "农产", "贸易"]
CYRILLIC_QUERIES = ["алюминий", "АЛЮМИНИЙ", "зерно", "Металл", "логистик", "сибирь", "евразия", "байкал"]
CYRILLIC_QUERIES += ["фарм", "ВОСТОК", "транзит", "энерго", "памир", "гранит", "сокол", "берёзка"]
LATIN_QUERIES = ["aluminium", "Logistics", "grain", "textiles", "Cotton", "machinery", "pharma", "indus"]
LATIN_QUERIES += ["SAMARQAND", "chongqing", "trading", "metals", "eurasia", "falcon", "zenith", "tea"]
TWO_WORD_QUERIES = ["chongqing aluminium", "Евразия зерно", "indus textiles", "重庆 铝业", "ООО алюминий"]
TWO_WORD_QUERIES += ["samarqand cotton", "golden trading", "成都有限", "ТОО агро", "байкал металл"]
FACET_QUERIES = [
    {"country": "KZ", "activity": "exporter"},
    {"country": "CN", "verified": True},
    {"sco": "member", "activity": "manufacturer"},
    {"country": "RU", "activity": "importer", "verified": True},
    {"hs": "76"},
    {"sco": "partner"},
    {"activity": "forwarder"},
    {"country": "UZ", "sort": "newest"},
]


def setup(database: str) -> str:
    os.environ.setdefault("SCOTEMP_MODE", "demo")
    os.environ["DEBUG"] = "0"  # no query log: it would grow for every query measured
    os.environ["LOG_LEVEL"] = "WARNING"
    if database == "postgres":
        url = os.environ.get("DATABASE_URL")
        if not url or not url.startswith("postgres"):
            sys.exit("--database postgres needs DATABASE_URL=postgres://user@host:port/anything")
        base, _sep, _name = url.rpartition("/")
        _create_postgres_database(base)
        os.environ["DATABASE_URL"] = f"{base}/scotemp_bench"
        label = f"PostgreSQL {base.rsplit('@', 1)[-1]}/scotemp_bench"
    else:
        os.environ.pop("DATABASE_URL", None)
        path = ROOT / "var" / "bench" / "directory_search.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["SQLITE_PATH"] = str(path)
        label = f"SQLite {path.relative_to(ROOT)}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    return label


def _create_postgres_database(base_url: str) -> None:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'scotemp_bench'").fetchone():
            conn.execute("CREATE DATABASE scotemp_bench ENCODING 'UTF8' TEMPLATE template0")
            print("created database scotemp_bench")


def progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    end = "\n" if done >= total else "\r"
    print(f"  {label}: {done:>7,}/{total:,} ({rate:,.0f}/s)", end=end, flush=True)


def generate(n: int) -> None:
    from django.db import connection, transaction

    from scotemp.accounts.models import Organization
    from scotemp.committees.models import Committee, CommitteeMembership
    from scotemp.demo.names import any_company
    from scotemp.directory.models import OrganizationProfile, ProfileActivity, ProfileProduct, SearchToken
    from scotemp.reference.models import HSCode, Location

    rng = random.Random(SEED)
    print(f"generating {n:,} organizations …")
    with transaction.atomic():
        SearchToken.objects.all().delete()
        Organization.objects.all().delete()
    cities: dict[str, list[str]] = {}
    for locode, country in Location.objects.values_list("locode", "country_id"):
        cities.setdefault(country, []).append(locode)
    headings = list(HSCode.objects.filter(level=4).values_list("code", "description_zh_hans"))
    committees = list(Committee.objects.values_list("pk", flat=True))
    countries, weights = zip(*COUNTRY_WEIGHTS.items(), strict=True)
    started = time.monotonic()
    batch = 5000
    now = time.time()
    import datetime

    from django.utils import timezone

    for start in range(0, n, batch):
        size = min(batch, n - start)
        orgs = []
        for i in range(start, start + size):
            country = rng.choices(countries, weights)[0]
            name, latin, org_type = any_company(country, rng)
            if country == "CN":
                brand = rng.choice(CN_BRAND_CHARS) + rng.choice(CN_BRAND_CHARS)
                name = name[:2] + brand + name[2:]
            elif any("а" <= ch <= "я" for ch in name.lower()):
                name = name.replace("«", "«" + rng.choice(CYR_BRANDS) + " ", 1)
            else:
                latin = name = f"{rng.choice(LATIN_BRANDS)} {name}"
            trade = rng.choice(headings)
            language = rng.choice(list(DESCRIPTIONS))
            fields = {f"description_{language}": rng.choice(DESCRIPTIONS[language]).format(t=trade[1][:12])}
            orgs.append(
                Organization(
                    name=name[:255],
                    name_latin=latin[:255],
                    country_id=country,
                    city_id=rng.choice(cities[country]) if cities.get(country) else None,
                    type=org_type,
                    registry_id=f"{country}{i:010d}",
                    **fields,
                )
            )
        with transaction.atomic():
            Organization.objects.bulk_create(orgs, batch_size=1000)
            ids = list(
                Organization.objects.filter(registry_id__in=[o.registry_id for o in orgs]).values_list(
                    "pk", "registry_id"
                )
            )
            profiles = []
            for pk, _rid in ids:
                verified = rng.random() < 0.3
                when = timezone.make_aware(datetime.datetime.fromtimestamp(now - rng.randint(0, 360 * 86400)))
                profiles.append(
                    OrganizationProfile(
                        organization_id=pk,
                        verification_status="verified" if verified else "unverified",
                        verified_at=when if verified else None,
                    )
                )
            OrganizationProfile.objects.bulk_create(profiles, batch_size=1000)
            activities, products, memberships = [], [], []
            for profile in profiles:
                profile_id = profile.pk
                for activity in set(rng.choices(ACTIVITIES, ACTIVITY_WEIGHTS, k=rng.randint(1, 3))):
                    activities.append(ProfileActivity(profile_id=profile_id, activity=activity))
                for code in {rng.choice(headings)[0] for _ in range(rng.randint(1, 4))}:
                    products.append(
                        ProfileProduct(
                            profile_id=profile_id, hs_code_id=code, direction=rng.choice(["export", "import"])
                        )
                    )
                if committees and rng.random() < 0.1:
                    memberships.append(
                        CommitteeMembership(
                            committee_id=rng.choice(committees),
                            organization_id=profile.organization_id,
                            status="approved",
                        )
                    )
            ProfileActivity.objects.bulk_create(activities, batch_size=2000)
            ProfileProduct.objects.bulk_create(products, batch_size=2000)
            CommitteeMembership.objects.bulk_create(memberships, batch_size=2000)
        progress("organizations", start + size, n, started)
    vacuum_analyze(connection)
    print(f"  generated in {time.monotonic() - started:.1f} s")


def vacuum_analyze(connection) -> None:
    """Fresh statistics and, on PostgreSQL, a fresh visibility map: without it the token index cannot
    be read index-only and the planner picks a sort-everything plan (autovacuum does this in life)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def build_index() -> None:
    from django.db import connection

    from scotemp.directory.models import SearchToken
    from scotemp.directory.search import reindex_all

    print("building the search index …")
    started = time.monotonic()
    n = reindex_all(progress=lambda done, total: progress("indexed", done, total, started))
    vacuum_analyze(connection)
    tokens = SearchToken.objects.count()
    print(f"  {n:,} organizations, {tokens:,} tokens in {time.monotonic() - started:.1f} s")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure(kind: str, queries: list[dict], count: int) -> dict:
    from scotemp.accounts.models import Organization
    from scotemp.directory.queries import SearchParams, search

    timings, baseline, totals, per_query = [], [], [], {}
    for i in range(count):
        params = SearchParams(**queries[i % len(queries)])
        t0 = time.perf_counter()
        page = search(params)
        timings.append((time.perf_counter() - t0) * 1000)
        totals.append(page.total)
        per_query.setdefault(str(queries[i % len(queries)]), []).append((timings[-1], page.total))
        ids = [o.pk for o in page.organizations]
        t0 = time.perf_counter()
        list(
            Organization.objects.filter(pk__in=ids)
            .select_related("country", "city", "profile")
            .prefetch_related("profile__activities")
            .order_by("pk")[:20]
        )
        baseline.append((time.perf_counter() - t0) * 1000)
    return {
        "kind": kind,
        "n": count,
        "hits": statistics.median(totals),
        "p50": percentile(timings, 0.5),
        "p95": percentile(timings, 0.95),
        "base95": percentile(baseline, 0.95),
        "slowest": sorted(
            ((statistics.median(t for t, _n in runs), runs[0][1], q) for q, runs in per_query.items()),
            reverse=True,
        )[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind (at least 200)")
    parser.add_argument("--regenerate", action="store_true", help="generate the data even if present")
    parser.add_argument("--detail", action="store_true", help="also print the slowest queries of each kind")
    args = parser.parse_args()
    label = setup(args.database)

    from django.core.management import call_command
    from django.db import connection

    from scotemp.accounts.models import Organization
    from scotemp.directory.models import SearchToken
    from scotemp.reference.models import Country

    print(f"database: {label}")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Country.objects.filter(iso2="CN").exists():
        call_command("load_reference", verbosity=0)
    if args.regenerate or Organization.objects.count() != args.orgs:
        generate(args.orgs)
        build_index()
    elif not SearchToken.objects.exists():
        build_index()
    else:
        print(f"reusing {args.orgs:,} organizations and their index (--regenerate to rebuild)")
        vacuum_analyze(connection)

    rng = random.Random(SEED)
    all_ids = list(Organization.objects.order_by("pk").values_list("registry_id", flat=True))
    registry_ids = rng.sample(all_ids, min(500, len(all_ids)))
    kinds = [
        ("CJK 2-char", [{"q": q} for q in CJK_QUERIES]),
        ("Cyrillic word", [{"q": q} for q in CYRILLIC_QUERIES]),
        ("Latin word", [{"q": q} for q in LATIN_QUERIES]),
        ("two words", [{"q": q} for q in TWO_WORD_QUERIES]),
        ("facet only", FACET_QUERIES),
        ("text + facets", [{"q": q, "country": "CN", "verified": True} for q in CJK_QUERIES]),
        ("registry id", [{"q": rid} for rid in registry_ids]),
    ]
    count = max(args.queries, 1)
    # Warm up the caches once per kind (not measured).
    for _kind, queries in kinds:
        measure("warm-up", queries, min(len(queries), 20))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{connection.vendor}, {Organization.objects.count():,} organizations, {count} queries per kind")
    print(f"{os.cpu_count()} CPUs, load average before measuring: {load}")
    header = f"{'query kind':<15} {'hits p50':>9} {'p50 ms':>8} {'p95 ms':>8} {'bare p95':>9} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for kind, queries in kinds:
        row = measure(kind, queries, count)
        ratio = row["p95"] / row["base95"] if row["base95"] else float("nan")
        flag = "" if row["p95"] <= 100 else "  > 100 ms target"
        print(
            f"{kind:<15} {row['hits']:>9,.0f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['base95']:>9.2f} {ratio:>6.1f}{flag}"
        )
        if args.detail:
            for median, hits, query in row["slowest"]:
                print(f"{'':<15} {hits:>9,} {median:>8.1f}  {query}")
    print("load average after measuring: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
