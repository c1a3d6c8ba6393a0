"""Generated trade leads for the benchmarks (shared by bench/matching.py and the lead search bench).

    .venv/bin/python bench/leads_dataset.py [--leads 100000] [--database sqlite|postgres] [--regenerate]

Each dataset lives in its own database, never the project's: ``var/bench/leads-<n>.sqlite3``, or with
``--database postgres`` the database ``scotemp_bench_leads`` on the server of ``DATABASE_URL``
(created if missing; it holds one dataset at a time and is regenerated when the size changes).

What is generated (deterministic for a given size, seed 7):

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
  any on about half); certifications held / required.

Use from another script::

    from leads_dataset import setup, ensure_dataset
    label = setup("sqlite", 100_000)      # configures Django for that database
    ensure_dataset(100_000)               # migrates, loads reference data, generates if needed

``new_leads(count, seed)`` inserts extra open leads drawn from the same distributions (the "new
leads" the matching benchmark measures) and returns their ids.
"""

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 7
LEADS_PER_ORG = 25
POSTGRES_DB = "scotemp_bench_leads"

COUNTRY_WEIGHTS = {
    "CN": 34,
    "RU": 16,
    "KZ": 11,
    "UZ": 7,
    "KG": 4,
    "BY": 4,
    "TJ": 3,
    "IN": 8,
    "PK": 4,
    "IR": 3,
    "MN": 1,
    "TR": 2,
    "AZ": 1,
    "AE": 1,
    "SA": 1,
}
LANGUAGE_OF = {"CN": "zh_hans", "RU": "ru", "KZ": "ru", "KG": "ru", "BY": "ru", "TJ": "ru", "UZ": "ru"}

# The staples, most traded first: heading -> (unit, origins weighted, names zh/ru/en).
STAPLES = {
    "1001": ("TNE", {"KZ": 5, "RU": 5}, ("小麦", "Пшеница", "Wheat")),
    "7601": ("TNE", {"RU": 5, "KZ": 3, "IN": 1}, ("原铝", "Алюминий первичный", "Primary aluminium")),
    "5201": ("TNE", {"UZ": 6, "TJ": 2, "PK": 2, "IN": 2}, ("棉花", "Хлопок-волокно", "Raw cotton")),
    "8471": ("H87", {"CN": 9, "IN": 1}, ("计算机", "Компьютеры", "Computers")),
    "8708": ("H87", {"CN": 8, "IN": 1, "TR": 1}, ("汽车零部件", "Автозапчасти", "Auto parts")),
    "1003": ("TNE", {"KZ": 5, "RU": 4}, ("大麦", "Ячмень", "Barley")),
    "0806": ("TNE", {"UZ": 5, "TJ": 3, "IR": 2}, ("葡萄干", "Изюм", "Raisins")),
    "8711": ("H87", {"CN": 9, "IN": 2}, ("摩托车", "Мотоциклы", "Motorcycles")),
    "1006": ("TNE", {"PK": 5, "IN": 4}, ("大米", "Рис", "Rice")),
    "3105": ("TNE", {"BY": 5, "RU": 4}, ("复合肥料", "Комплексные удобрения", "Compound fertilizers")),
    "0813": ("TNE", {"TJ": 4, "UZ": 4, "IR": 2}, ("干果", "Сухофрукты", "Dried fruit")),
    "0902": ("KGM", {"IN": 5, "CN": 4}, ("茶叶", "Чай", "Tea")),
    "8429": (
        "H87",
        {"CN": 8, "BY": 1},
        ("推土机和挖掘机", "Бульдозеры и экскаваторы", "Bulldozers and excavators"),
    ),
    "7604": ("TNE", {"RU": 4, "CN": 4, "KZ": 1}, ("铝型材", "Алюминиевые профили", "Aluminium profiles")),
    "3004": ("KGM", {"IN": 6, "CN": 2, "RU": 1}, ("药品", "Лекарственные средства", "Medicaments")),
    "5205": ("TNE", {"UZ": 5, "PK": 3, "IN": 2}, ("棉纱", "Хлопковая пряжа", "Cotton yarn")),
    "8517": (
        "H87",
        {"CN": 10},
        ("手机和通信设备", "Телефоны и аппаратура связи", "Phones and telecom equipment"),
    ),
    "3104": ("TNE", {"BY": 6, "RU": 3}, ("钾肥", "Калийные удобрения", "Potash fertilizers")),
    "0808": ("TNE", {"UZ": 3, "CN": 3, "IR": 2}, ("苹果", "Яблоки", "Apples")),
    "8432": ("H87", {"CN": 5, "BY": 3, "RU": 1}, ("农业机械", "Сельхозтехника", "Agricultural machinery")),
    "1205": ("TNE", {"KZ": 4, "RU": 4}, ("油菜籽", "Семена рапса", "Rapeseed")),
    "7208": ("TNE", {"RU": 4, "CN": 4, "KZ": 2}, ("热轧钢板", "Горячекатаный прокат", "Hot-rolled steel")),
    "2709": ("TNE", {"RU": 5, "KZ": 3, "IR": 2}, ("原油", "Сырая нефть", "Crude oil")),
    "8504": ("H87", {"CN": 8, "RU": 1}, ("变压器", "Трансформаторы", "Transformers")),
}
SEA_RULES = {"FAS", "FOB", "CFR", "CIF"}
CERTIFICATIONS = [
    "ISO9001",
    "ISO22000",
    "HACCP",
    "HALAL",
    "EAC",
    "GOST-R",
    "CE",
    "GMP",
    "ORGANIC",
    "ISO14001",
]
PAYMENT_TERMS = ["tt_advance", "tt_partial", "lc_sight", "lc_usance", "dp", "open_account", "cad"]
CURRENCIES = {"CN": "CNY", "RU": "RUB", "KZ": "KZT", "IN": "INR"}
SELL_WORDS = {"zh_hans": "供应", "ru": "Продаём", "en": "Offer:"}
BUY_WORDS = {"zh_hans": "求购", "ru": "Купим", "en": "Wanted:"}
DESCRIPTIONS = {
    "zh_hans": [
        "{p}，质量稳定，可长期供货。",
        "{p}，符合国际标准，欢迎询价。",
        "长期采购{p}，要求质量稳定。",
    ],
    "ru": [
        "{p}. Стабильное качество, долгосрочные поставки.",
        "{p}. Соответствует ГОСТ, возможна отгрузка ж/д.",
    ],
    "en": [
        "{p}. Stable quality, long-term supply.",
        "{p}. Inspection by SGS at loading, documents in order.",
    ],
}


def setup(database: str, leads: int) -> str:
    """Point Django at the dataset's own database and set it up; returns a printable label."""
    os.environ.setdefault("SCOTEMP_MODE", "demo")
    os.environ["DEBUG"] = "0"  # no query log: it would grow for every query measured
    os.environ["LOG_LEVEL"] = "WARNING"
    if database == "postgres":
        url = os.environ.get("DATABASE_URL")
        if not url or not url.startswith("postgres"):
            sys.exit("--database postgres needs DATABASE_URL=postgres://user@host:port/anything")
        base, _sep, _name = url.rpartition("/")
        _create_postgres_database(base)
        os.environ["DATABASE_URL"] = f"{base}/{POSTGRES_DB}"
        label = f"PostgreSQL {base.rsplit('@', 1)[-1]}/{POSTGRES_DB}"
    else:
        os.environ.pop("DATABASE_URL", None)
        path = ROOT / "var" / "bench" / f"leads-{leads}.sqlite3"
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
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DB]).fetchone():
            conn.execute(
                f"CREATE DATABASE {POSTGRES_DB} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
                "TEMPLATE template0"
            )
            print(f"created database {POSTGRES_DB}")


def progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    end = "\n" if done >= total else "\r"
    print(f"  {label}: {done:>9,}/{total:,} ({rate:,.0f}/s)", end=end, flush=True)


def _short(text: str) -> str:
    """A product name from an HS description: its first clause, at most 60 characters."""
    for sep in (";", "；", ":", "：", "(", "（"):
        text = text.split(sep)[0]
    text = text.strip(" ,，-–")
    return text[:60] or "—"


class Universe:
    """Reference data and distributions loaded once from the database."""

    def __init__(self, rng: random.Random):
        from scotemp.committees.queries import hs_scope_index
        from scotemp.reference.models import HSCode, Incoterm, Location

        headings = {
            code: (_short(en), _short(zh or en), _short(ru or en))
            for code, en, zh, ru in HSCode.objects.filter(level=4).values_list(
                "code", "description_en", "description_zh_hans", "description_ru"
            )
        }
        self.subheadings: dict[str, list[str]] = {}
        for code in HSCode.objects.filter(level=6).values_list("code", flat=True):
            self.subheadings.setdefault(code[:4], []).append(code)
        others = sorted(set(headings) - set(STAPLES))
        rng.shuffle(others)
        ranked = [h for h in STAPLES if h in headings] + others[: 800 - len(STAPLES)]
        self.headings = ranked
        self.heading_weights = [1.0 / (rank + 1) for rank in range(len(ranked))]
        self.names = {h: headings[h] for h in ranked}
        for h, (_unit, _origins, (zh, ru, en)) in STAPLES.items():
            if h in self.names:
                self.names[h] = (en, zh, ru)
        self.countries, self.country_weights = zip(*COUNTRY_WEIGHTS.items(), strict=True)
        self.places: dict[str, list[str]] = {}
        self.ports: dict[str, list[str]] = {}
        for locode, country, functions in Location.objects.values_list("locode", "country_id", "functions"):
            self.places.setdefault(country, []).append(locode)
            if {"port", "river_port"} & set(functions):
                self.ports.setdefault(country, []).append(locode)
        self.incoterms = list(Incoterm.objects.values_list("code", flat=True))
        self.committee_of = hs_scope_index()  # committee id by HS heading or chapter


def ensure_orgs(n_orgs: int, rng: random.Random) -> list[tuple[int, str]]:
    """Create ``n_orgs`` organizations with directory profiles (30 % verified); returns (id, country)."""
    from django.db import transaction
    from django.utils import timezone

    from scotemp.accounts.models import Organization
    from scotemp.demo.names import any_company
    from scotemp.directory.models import OrganizationProfile

    started = time.monotonic()
    batch = 5000
    for start in range(0, n_orgs, batch):
        size = min(batch, n_orgs - start)
        orgs = []
        for i in range(start, start + size):
            country = rng.choices(list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))[0]
            name, latin, org_type = any_company(country, rng)
            orgs.append(
                Organization(
                    name=f"{name} {i}"[:255],
                    name_latin=f"{latin} {i}"[:255],
                    country_id=country,
                    type=org_type,
                    registry_id=f"B{country}{i:09d}",
                )
            )
        with transaction.atomic():
            Organization.objects.bulk_create(orgs, batch_size=1000)
            now = timezone.now()
            profiles = [
                OrganizationProfile(
                    organization_id=o.pk,
                    verification_status="verified" if rng.random() < 0.3 else "unverified",
                )
                for o in orgs
            ]
            for p in profiles:
                if p.verification_status == "verified":
                    p.verified_at = now
            OrganizationProfile.objects.bulk_create(profiles, batch_size=1000)
        progress("organizations", start + size, n_orgs, started)
    return list(Organization.objects.order_by("pk").values_list("pk", "country_id"))


def make_leads(count: int, rng: random.Random, universe: Universe, orgs: list[tuple[int, str]], today):
    """Build ``count`` open leads (column values by attribute name) with their acceptable countries."""
    from django.utils import timezone

    from scotemp.committees.queries import committee_id_for_hs

    now = timezone.now()
    by_country: dict[str, list[int]] = {}
    for pk, country in orgs:
        by_country.setdefault(country, []).append(pk)
    out = []
    headings = rng.choices(universe.headings, universe.heading_weights, k=count)
    for heading in headings:
        kind = "sell" if rng.random() < 0.52 else "buy"
        staple = STAPLES.get(heading)
        unit = staple[0] if staple else rng.choice(["TNE", "TNE", "KGM", "H87"])
        if kind == "sell" and staple:
            origins = staple[1]
            country = rng.choices(list(origins), list(origins.values()))[0]
        else:
            country = rng.choices(universe.countries, universe.country_weights)[0]
        org_id = rng.choice(by_country.get(country) or [o[0] for o in orgs[:100]])
        subs = universe.subheadings.get(heading)
        hs = rng.choice(subs) if subs and rng.random() < 0.85 else heading
        language = (
            LANGUAGE_OF.get(country, "en") if rng.random() < 0.9 else rng.choice(["zh_hans", "ru", "en"])
        )
        en, zh, ru = universe.names[heading]
        product = {"en": en, "zh_hans": zh, "ru": ru}[language]
        words = (SELL_WORDS if kind == "sell" else BUY_WORDS)[language]
        title = f"{words}{product}" if language == "zh_hans" else f"{words} {product.lower()}"
        description = rng.choice(DESCRIPTIONS[language]).format(p=product)
        base_qty = {"TNE": rng.choice([25, 50, 100, 500, 1000, 3000, 5000, 10000]), "KGM": 1000, "H87": 100}
        quantity = Decimal(base_qty.get(unit, 100) * rng.choice([1, 1, 2, 3, 5]))
        min_order = None
        if kind == "sell" and rng.random() < 0.5:
            min_order = (quantity / rng.choice([2, 5, 10, 20])).quantize(Decimal("0.001"))
        incoterm = rng.choice(universe.incoterms)
        place_country = country  # sellers name a place at home, buyers one in their country
        if incoterm in SEA_RULES:
            ports = universe.ports.get(place_country) or universe.ports["CN"]
            place = rng.choice(ports)
        else:
            place = rng.choice(universe.places.get(place_country) or universe.places["CN"])
        currency = CURRENCIES.get(country, "USD") if rng.random() < 0.3 else "USD"
        on_request = rng.random() < 0.2
        published = now - datetime.timedelta(seconds=rng.randint(0, 180 * 86400))
        n_countries = rng.choice([0, 0, 0, 1, 2, 3, 4])
        countries = sorted(set(rng.choices(universe.countries, universe.country_weights, k=n_countries)))
        held = sorted(set(rng.sample(CERTIFICATIONS, rng.choice([0, 1, 1, 2, 3])))) if kind == "sell" else []
        required = (
            sorted(set(rng.sample(CERTIFICATIONS, rng.choice([0, 0, 0, 1, 2])))) if kind == "buy" else []
        )
        lead = dict(
            organization_id=org_id,
            kind=kind,
            status="published",
            language=language,
            title=title[:200],
            description=description,
            hs_code_id=hs,
            hs_heading=heading,
            hs_chapter=heading[:2],
            specification="",
            attributes={},
            quantity=quantity,
            unit_id=unit,
            min_order=min_order,
            price=None if on_request else Decimal(rng.randint(100, 5000)),
            currency_id=None if on_request else currency,
            price_unit_id=None if on_request else unit,
            price_on_request=on_request,
            incoterm_id=incoterm,
            incoterm_place_id=place,
            origin_country_id=country if kind == "sell" else None,
            payment_terms=[rng.choice(PAYMENT_TERMS)],
            certifications_held=held,
            certifications_required=required,
            valid_until=today + datetime.timedelta(days=rng.randint(1, 365)),
            published_at=published,
            committee_id=committee_id_for_hs(universe.committee_of, heading),
            search_text=f"{title} {description}".lower(),
        )
        for lang in ("en", "zh_hans", "ru"):
            lead[f"title_{lang}"] = lead["title"] if lang == language else None
            lead[f"description_{lang}"] = description if lang == language else None
        lead.update(public_id=uuid.UUID(int=rng.getrandbits(128), version=4), author_id=None)
        lead.update(created_at=published, updated_at=published, delivery_from=None, delivery_until=None)
        out.append((lead, countries))
    return out


def insert_leads(pairs) -> list[int]:
    """Insert leads and their acceptable countries with plain executemany; returns the new ids.

    Model instances are skipped on purpose: building a million of them (modeltranslation wraps
    ``__init__``) costs more than the inserts."""
    from django.db import connection, models

    from scotemp.trade.models import Lead

    fields = [f for f in Lead._meta.concrete_fields]
    plain = (models.CharField, models.TextField, models.BooleanField, models.ForeignKey, models.AutoField)
    prepared = [f for f in fields if not isinstance(f, plain) or isinstance(f, models.UUIDField)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM trade_lead")
        next_id = cursor.fetchone()[0] + 1
        rows, links, ids = [], [], []
        for offset, (lead, countries) in enumerate(pairs):
            lead["id"] = next_id + offset
            ids.append(lead["id"])
            for f in prepared:
                lead[f.attname] = f.get_db_prep_save(lead[f.attname], connection)
            rows.append([lead[f.attname] for f in fields])
            links.extend((lead["id"], c) for c in countries)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO trade_lead ({columns}) VALUES ({marks})", rows)
        cursor.executemany("INSERT INTO trade_lead_countries (lead_id, country_id) VALUES (%s, %s)", links)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('trade_lead', 'id'), MAX(id)) FROM trade_lead"
            )
    return ids


def generate(n: int) -> None:
    """Replace every lead and organization in the bench database by ``n`` generated open leads."""
    from django.db import connection, transaction
    from django.utils import timezone

    from scotemp.accounts.models import Organization
    from scotemp.trade.models import Lead, Match

    rng = random.Random(SEED)
    print(f"generating {n:,} leads …")
    started = time.monotonic()
    from scotemp.directory.models import OrganizationProfile
    from scotemp.trade.models import LeadSearchToken, MatchDecision

    with transaction.atomic():
        # Raw deletes, children first: the ORM's cascade would load a million rows into memory.
        for model in (MatchDecision, Match, LeadSearchToken, Lead.countries.through, Lead):
            model.objects.all()._raw_delete(connection.alias)
        OrganizationProfile.objects.all()._raw_delete(connection.alias)
        Organization.objects.all().delete()
    universe = Universe(rng)
    orgs = ensure_orgs(max(n // LEADS_PER_ORG, 200), rng)
    today = timezone.localdate()
    batch = 10_000
    started = time.monotonic()
    for start in range(0, n, batch):
        size = min(batch, n - start)
        with transaction.atomic():
            insert_leads(make_leads(size, rng, universe, orgs, today))
        progress("leads", start + size, n, started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  generated in {time.monotonic() - started:.1f} s")


def new_leads(count: int, seed: int = 11) -> list[int]:
    """Insert ``count`` more open leads from the same distributions; returns their ids."""
    from django.db import transaction
    from django.utils import timezone

    from scotemp.accounts.models import Organization

    rng = random.Random(seed)
    universe = Universe(rng)
    orgs = list(Organization.objects.order_by("pk").values_list("pk", "country_id"))
    with transaction.atomic():
        return insert_leads(make_leads(count, rng, universe, orgs, timezone.localdate()))


def ensure_dataset(n: int, regenerate: bool = False) -> bool:
    """Migrate, load reference data, and generate ``n`` leads unless already there. True if generated."""
    from django.core.management import call_command

    from scotemp.reference.models import Country
    from scotemp.trade.models import Lead

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Country.objects.filter(iso2="CN").exists():
        call_command("load_reference", verbosity=0)
    if regenerate or Lead.objects.count() != n:
        generate(n)
        return True
    print(f"reusing {n:,} leads (--regenerate to rebuild)")
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    print("database:", setup(args.database, args.leads))
    ensure_dataset(args.leads, args.regenerate)


if __name__ == "__main__":
    main()
