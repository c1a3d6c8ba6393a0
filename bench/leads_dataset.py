"""Generated trade leads for the benchmarks (bench/matching.py, bench/lead_search.py, bench/load.py, …).

    .venv/bin/python bench/leads_dataset.py [--leads 100000] [--database sqlite|postgres] [--name NAME]
                                            [--fresh | --regenerate | --no-template] [--check 2000]
                                            [--fingerprint]

Each dataset lives in its own database, never the project's: ``$SCOTEMP_VAR_DIR/bench/<name>.sqlite3``
(``var/bench`` by default), or with ``--database postgres`` the database ``<name>`` on the server of
``DATABASE_URL`` (created if missing). ``--name`` (or ``BENCH_DATASET``) chooses it, so each benchmark
keeps its own copy: by default ``leads-<n>`` on SQLite and ``scotemp_bench_leads`` on PostgreSQL
(one dataset at a time there, regenerated when the size changes).

What is generated (deterministic for a given size, seed 7, drawn column by column with numpy):

* organizations: one per 25 leads, countries weighted towards China, Russia, Kazakhstan, with a
  directory profile each, 30 % verified;
* open leads (published, valid for 1-365 more days, published 0-180 days ago), 52 % sell offers:
  HS headings drawn Zipf-like (weight 1/rank) over 800 headings, the committees' staples (wheat,
  barley, rice, aluminium, cotton, dried fruit, tea, fertilizer, motorcycles, auto parts, machinery,
  electronics) ranked first; 85 % at a 6-digit subheading, the rest at the 4-digit heading; origin
  countries weighted per product (wheat from Kazakhstan and Russia, cotton from Uzbekistan, ...);
  titles and descriptions in the author's language (Chinese, Russian or English) built from the
  HS names; quantities in the product's unit with a minimum order on half of the offers; Incoterms
  with a named place in the right country (sea rules only at ports); acceptable countries (empty =
  any on 3/7); certifications held / required;
* the lead search index (``LeadSearchToken`` rows and ``Lead.search_text``) as ``reindex_all`` writes
  it: the tokens are computed once per distinct text with the production tokenizer and joined to
  the leads in SQL (``--check N`` compares N random leads with ``reindex_leads``' own output);
* new match index versions (``MatchIndexVersion``) for every chapter loaded, then ANALYZE
  (PostgreSQL: VACUUM ANALYZE).

Bulk-loaded (``dataset.bulk``): SQLite executemany in one transaction (synchronous off, journal in
memory), PostgreSQL COPY, secondary indexes and triggers dropped during the load and recreated
after. Each phase prints its time and rows/s, then the total in leads/s.

A loaded dataset is kept as a template (``dataset.template``: a file copy on SQLite, a template
database on PostgreSQL, keyed by size, seed, day and the code the rows depend on); a database that
does not hold ``n`` leads is cloned from it in seconds (``--fresh`` clones even if it does,
``--regenerate`` loads again, ``--no-template`` or ``BENCH_TEMPLATES=0`` does without).
``--fingerprint`` prints a digest of every table the load writes (the load's time left out), to
compare two loads, a load and a clone, or the two databases.

Use from another script::

    from leads_dataset import setup, ensure_dataset, load_leads
    label = setup("sqlite", 100_000, name="my-bench")   # configures Django for that database
    ensure_dataset(100_000)               # migrates, loads reference data, generates if needed
    load_leads(100_000)                   # or: add leads to a database that has other data (demo)

``load_leads(n)`` adds ``n // 25`` organizations, ``n`` leads and their index rows to the current
database without touching existing rows (e.g. on top of ``seed_demo``). ``new_leads(count, seed)``
inserts a few more open leads from the same distributions through ordinary inserts (triggers fire)
and returns their ids (the "new leads" the matching benchmark measures; no search index rows).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dataset import bulk, generate, template  # noqa: E402
from dataset.check import check, fingerprint  # noqa: E402
from dataset.distributions import LEADS_PER_ORG, SEED, Universe  # noqa: E402

POSTGRES_DB = "scotemp_bench_leads"
BATCH = 250_000


def setup(database: str, leads: int, name: str | None = None) -> str:
    """Point Django at the dataset's own database and set it up; returns a printable label.

    ``name``: the SQLite file's name in ``$SCOTEMP_VAR_DIR/bench`` (or a path ending in ``.sqlite3``)
    or the PostgreSQL database; default ``BENCH_DATASET``, else ``leads-<n>`` / ``scotemp_bench_leads``."""
    name = name or os.environ.get("BENCH_DATASET")
    os.environ.setdefault("SCOTEMP_MODE", "demo")
    os.environ["DEBUG"] = "0"  # no query log: it would grow for every query measured
    os.environ["LOG_LEVEL"] = "WARNING"
    if database == "postgres":
        url = os.environ.get("DATABASE_URL")
        if not url or not url.startswith("postgres"):
            sys.exit("--database postgres needs DATABASE_URL=postgres://user@host:port/anything")
        db = name or POSTGRES_DB
        base, _sep, _name = url.rpartition("/")
        _create_postgres_database(base, db)
        os.environ["DATABASE_URL"] = f"{base}/{db}"
        label = f"PostgreSQL {base.rsplit('@', 1)[-1]}/{db}"
    else:
        os.environ.pop("DATABASE_URL", None)
        var = Path(os.environ.get("SCOTEMP_VAR_DIR") or ROOT / "var") / "bench"
        name = name or f"leads-{leads}"
        path = Path(name) if name.endswith(".sqlite3") else var / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["SQLITE_PATH"] = str(path)
        label = f"SQLite {path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    return label


def _create_postgres_database(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(
                f'CREATE DATABASE "{name}" ENCODING'
                f" 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
                "TEMPLATE template0"
            )
            print(f"created database {name}")


def _connection(using):
    from django.db import connections

    return connections[using] if isinstance(using, str) else using


def load_leads(
    n: int, using="default", seed: int = SEED, rebuild_indexes: bool | None = None, analyze: bool = True
) -> range:
    """Add ``n`` open leads from the dataset's distributions to the database ``using`` (an alias or
    a connection), with ``max(n // 25, 200)`` new organizations (and profiles) that own them, their
    acceptable countries, their search index rows and new match index versions; existing rows are
    left as they are. Returns the new leads' ids.

    ``rebuild_indexes`` (default: from 20,000 leads on) drops the secondary indexes of the lead, lead
    country and search token tables for the load and creates them again after (over every row)."""
    from django.utils import timezone

    from scotemp.accounts.models import Organization
    from scotemp.directory.models import OrganizationProfile
    from scotemp.trade.models import Lead

    connection = _connection(using)
    vendor = connection.vendor
    if rebuild_indexes is None:
        rebuild_indexes = n >= 20_000
    now, today = timezone.now(), timezone.localdate()
    phases = bulk.Phases()
    print(f"loading {n:,} leads into {vendor} …", flush=True)
    with bulk.Writer(connection, rebuild_indexes) as writer:
        universe = phases.run("reference data", Universe, random.Random(SEED))
        n_orgs = max(n // LEADS_PER_ORG, 200)
        orgs = phases.run(
            "generate organizations",
            generate.organizations,
            n_orgs,
            writer.next_id("accounts_organization"),
            seed,
        )
        org_columns, org_rows = model_rows_of(connection, Organization, orgs.rows, now)
        phases.run("insert organizations", writer.insert, "accounts_organization", org_columns, org_rows)
        first_profile = writer.next_id("directory_organizationprofile")
        profiles = [
            {
                "id": first_profile + i,
                "organization_id": o["id"],
                "verification_status": "verified" if o["verified"] else "unverified",
                "verified_at": now if o["verified"] else None,
            }
            for i, o in enumerate(orgs.rows)
        ]
        columns, rows = model_rows_of(connection, OrganizationProfile, profiles, now)
        phases.run("insert profiles", writer.insert, "directory_organizationprofile", columns, rows)

        texts = generate.Texts(universe)
        fields = Lead._meta.concrete_fields
        lead_columns = [f.column for f in fields]
        first = writer.next_id("trade_lead")
        writer.temp_tables()
        chapters: set = set()
        for batch, start in enumerate(range(0, n, BATCH)):
            size = min(BATCH, n - start)
            ids = list(range(first + start, first + start + size))
            part = f"[{start + size:,}/{n:,}]"
            leads = phases.run(
                f"generate leads {part}",
                generate.leads,
                size,
                (seed, batch),
                universe,
                orgs,
                texts,
                now,
                today,
                vendor,
            )
            leads.columns["id"] = ids
            values = [leads.columns[f.attname] for f in fields]
            rows = zip(*[v if isinstance(v, list) else _repeat(v, size) for v in values], strict=True)
            phases.run(f"insert leads {part}", writer.insert, "trade_lead", lead_columns, rows)
            lead_index, country_index = leads.countries
            links = zip(
                (first + start + lead_index).tolist(),
                generate.pick(generate.COUNTRIES, country_index),
                strict=True,
            )
            phases.run(
                f"insert lead countries {part}",
                writer.insert,
                "trade_lead_countries",
                ["lead_id", "country_id"],
                links,
            )
            writer.insert(
                "bench_lead_text", ["lead_id", "text_key"], zip(ids, leads.keys.tolist(), strict=True)
            )
            chapters |= leads.chapters
            del leads, values, rows
        print(f"  ({len(texts.by_key):,} distinct texts tokenized)")
        phases.run("search index tokens (INSERT … SELECT)", writer.search_tokens, texts.by_key)
        phases.run("match index versions", writer.bump_match_index, chapters)
        writer.finish(phases)
        phases.run("commit", lambda: 0)
    if analyze:
        phases.run("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE", bulk.analyze, connection)
    total, cpu = phases.total()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"  loaded {n:,} leads in {total:.1f} s: {n / total:,.0f} leads/s (this process's cpu "
        f"{cpu:.1f} s; load average {load}, {os.cpu_count()} cores)",
        flush=True,
    )
    return range(first, first + n)


def _repeat(value, size: int) -> list:
    return [value] * size


def model_rows_of(connection, model, values, now):
    return bulk.model_rows(connection, model, values, now)


def delete_all(using="default") -> None:
    """Remove every lead, organization and what hangs off them (a benchmark database only)."""
    connection = _connection(using)
    tables = [
        "trade_matchdecision",
        "trade_match",
        "trade_leadsearchtoken",
        "trade_lead_countries",
        "trade_lead",
        "directory_organizationprofile",
        "accounts_organization",
    ]
    started = time.monotonic()
    with bulk.Writer(connection, rebuild_indexes=False) as writer, connection.cursor() as cursor:
        # DELETE on both databases: PostgreSQL's TRUNCATE … CASCADE followed the foreign keys to
        # the users and on to the committees, so a reloaded dataset had no lead in a committee.
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")
        writer.finish(None)
    print(f"  deleted the previous leads and organizations in {time.monotonic() - started:.1f} s")


def generate_dataset(n: int) -> None:
    """Replace every lead and organization in the bench database by ``n`` generated open leads."""
    from scotemp.accounts.models import Organization

    if Organization.objects.exists():
        delete_all()
    load_leads(n)


def new_leads(count: int, seed: int = 11) -> list[int]:
    """Insert ``count`` more open leads from the same distributions (ordinary inserts: the triggers
    fire, no search index rows); returns their ids."""
    from django.db import connection, transaction
    from django.utils import timezone

    from scotemp.accounts.models import Organization
    from scotemp.trade.models import Lead

    pairs = list(Organization.objects.order_by("pk").values_list("pk", "country_id"))
    country_of = {c: i for i, c in enumerate(generate.COUNTRIES)}
    known = [(pk, country_of[c]) for pk, c in pairs if c in country_of]
    orgs = generate.Organizations(
        generate.np.array([p for p, _c in known]), generate.np.array([c for _p, c in known])
    )
    universe = Universe(random.Random(SEED))
    leads = generate.leads(
        count,
        seed,
        universe,
        orgs,
        generate.Texts(universe),
        timezone.now(),
        timezone.localdate(),
        connection.vendor,
    )
    fields = [f for f in Lead._meta.concrete_fields if f.attname != "id"]
    values = [leads.columns[f.attname] for f in fields]
    rows = list(zip(*[v if isinstance(v, list) else _repeat(v, count) for v in values], strict=True))
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    ids = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:  # one by one: the new ids come back from the database
            cursor.execute(f"INSERT INTO trade_lead ({columns}) VALUES ({marks}) RETURNING id", row)
            ids.append(cursor.fetchone()[0])
        lead_index, country_index = leads.countries
        links = zip(
            [ids[i] for i in lead_index.tolist()],
            generate.pick(generate.COUNTRIES, country_index),
            strict=True,
        )
        cursor.executemany(
            "INSERT INTO trade_lead_countries (lead_id, country_id) VALUES (%s, %s)", list(links)
        )
    return ids


def ensure_dataset(n: int, regenerate: bool = False, fresh: bool = False) -> bool:
    """Migrate, load reference data, and generate ``n`` leads unless already there. True if generated
    or cloned.

    A database without ``n`` leads is cloned from the template of the same size, seed, day and code
    when there is one (``dataset.template``), else loaded and kept as that template. ``fresh``:
    clone even if the database has ``n`` leads (a benchmark's changes undone); ``regenerate``: load
    again and replace the template."""
    from django.core.management import call_command

    from scotemp.reference.models import Country
    from scotemp.trade.models import Lead

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Country.objects.filter(iso2="CN").exists():
        call_command("load_reference", verbosity=0)
    print(f"  schema and reference data ready in {time.monotonic() - started:.1f} s")
    if regenerate or fresh or Lead.objects.count() != n:
        if not regenerate and template.restore(n, SEED):
            return True
        generate_dataset(n)
        template.save(n, SEED)
        return True
    print(f"reusing {n:,} leads (--fresh for a clean clone of the template, --regenerate to load again)")
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--name", help="database name / SQLite file name (default: BENCH_DATASET or per size)"
    )
    parser.add_argument("--regenerate", action="store_true", help="load again (and replace the template)")
    parser.add_argument("--fresh", action="store_true", help="clone the template even if loaded")
    parser.add_argument("--no-template", action="store_true", help="neither clone nor keep a template")
    parser.add_argument(
        "--check", type=int, default=0, metavar="N", help="compare N leads with reindex_leads"
    )
    parser.add_argument(
        "--fingerprint", action="store_true", help="print a digest of every table the load writes"
    )
    args = parser.parse_args()
    if args.no_template:
        os.environ["BENCH_TEMPLATES"] = "0"
    print("database:", setup(args.database, args.leads, args.name))
    ensure_dataset(args.leads, args.regenerate, args.fresh)
    if args.check:
        check(args.check)
    if args.fingerprint:
        fingerprint()


if __name__ == "__main__":
    main()
