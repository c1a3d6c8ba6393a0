"""Rows of the dataset, drawn column by column with numpy (the distributions of
:mod:`.distributions`), as lists of database-ready values.

The texts of a lead depend only on (heading, kind, language, description template): a few thousand
combinations. Their search text and index tokens are computed once per combination with the
production functions (``scotemp.trade.search.index.lead_text`` and ``scotemp.core.text.index_tokens``),
so the index the loader writes is the one ``reindex_all`` would write.
"""

import datetime
import json
import random
from dataclasses import dataclass, field

import numpy as np

from .distributions import (
    BUY_WORDS,
    CERTIFICATIONS,
    COUNTRY_WEIGHTS,
    CURRENCIES,
    DESCRIPTIONS,
    LANGUAGE_OF,
    PAYMENT_TERMS,
    SEA_RULES,
    SELL_WORDS,
    STAPLES,
)

LANGUAGES = ("zh_hans", "ru", "en")
COUNTRIES = list(COUNTRY_WEIGHTS)
COUNTRY_P = np.array(list(COUNTRY_WEIGHTS.values()), dtype=float) / sum(COUNTRY_WEIGHTS.values())
TNE_QUANTITIES = np.array([25, 50, 100, 500, 1000, 3000, 5000, 10000])
QUANTITY_FACTORS = np.array([1, 1, 2, 3, 5])
MIN_ORDER_DIVISORS = np.array([2, 5, 10, 20])
N_COUNTRIES = np.array([0, 0, 0, 1, 2, 3, 4])
HELD_SIZES = np.array([0, 1, 1, 2, 3])
REQUIRED_SIZES = np.array([0, 0, 0, 1, 2])


def pick(values, index) -> list:
    """``values[i]`` for every ``i`` of the integer array ``index``, as a list."""
    return np.asarray(values, dtype=object)[index].tolist()


def datetimes(now: datetime.datetime, seconds_ago: np.ndarray, vendor: str) -> list[str]:
    """``now`` minus each number of seconds, as the database stores a UTC timestamp."""
    base = np.datetime64(now.astimezone(datetime.UTC).replace(tzinfo=None), "us")
    text = np.datetime_as_string(base - seconds_ago.astype("timedelta64[s]"), unit="us")
    suffix = "+00:00" if vendor == "postgresql" else ""
    return [f"{t[:10]} {t[11:]}{suffix}" for t in text.tolist()]


def uuid_hex(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` random version-4 UUIDs as 32 hex digits (accepted by both databases' uuid columns)."""
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    return [text[i : i + 32] for i in range(0, 32 * n, 32)]


def sample_sets(rng: np.random.Generator, sizes: np.ndarray, universe_size: int) -> np.ndarray:
    """A bitmask per row: ``sizes[i]`` distinct members drawn uniformly out of ``universe_size``."""
    order = np.argsort(rng.random((len(sizes), universe_size)), axis=1)
    mask = np.zeros(len(sizes), dtype=np.int64)
    for j in range(int(sizes.max(initial=0))):
        mask |= np.where(j < sizes, np.int64(1) << order[:, j], 0)
    return mask


def json_lists(masks: np.ndarray, names: list[str]) -> list[str]:
    """The JSON list (sorted names) of each bitmask, as Django's JSONField writes it."""
    cache: dict[int, str] = {}
    out = []
    for m in masks.tolist():
        text = cache.get(m)
        if text is None:
            text = cache[m] = json.dumps(sorted(n for i, n in enumerate(names) if m >> i & 1))
        out.append(text)
    return out


@dataclass
class Organizations:
    ids: np.ndarray
    countries: np.ndarray  # index into COUNTRIES
    rows: list[dict] = field(default_factory=list)  # column values by attribute name (new ones only)


def organizations(count: int, first_id: int, seed: int) -> Organizations:
    """``count`` organizations (ids from ``first_id``), countries weighted, names from the demo's name
    lists (``any_company``), public ids drawn from the seed, each with a directory profile of which
    30 % are verified."""
    from scotemp.demo.names import any_company

    rng = np.random.default_rng(seed)
    py_rng = random.Random(seed)
    countries = rng.choice(len(COUNTRIES), size=count, p=COUNTRY_P)
    verified = rng.random(count) < 0.3
    ids = np.arange(first_id, first_id + count)
    # drawn apart, so that the columns above stay what they were before public ids were drawn
    public_ids = uuid_hex(np.random.default_rng((seed, first_id, 1)), count)
    rows = []
    for pk, c, v, public_id in zip(
        ids.tolist(), countries.tolist(), verified.tolist(), public_ids, strict=True
    ):
        country = COUNTRIES[c]
        name, latin, org_type = any_company(country, py_rng)
        rows.append(
            {
                "id": pk,
                "public_id": public_id,
                "name": f"{name} {pk}"[:255],
                "name_latin": f"{latin} {pk}"[:255],
                "country_id": country,
                "type": org_type,
                "registry_id": f"B{country}{pk:09d}",
                "verified": v,
            }
        )
    return Organizations(ids, countries, rows)


class Texts:
    """The distinct texts, by combination key ((heading, kind, language, description template)):
    the lead's columns and its index tokens, computed once per combination across batches."""

    def __init__(self, universe):
        self.universe = universe
        self.by_key: dict[int, tuple] = {}  # key -> (title, description, language, search text, tokens)

    def fill(self, keys) -> None:
        from scotemp.core.text import index_tokens
        from scotemp.trade.search.index import lead_text

        for key in keys:
            if key in self.by_key:
                continue
            rest, template = divmod(key, 4)
            rest, lang = divmod(rest, 3)
            heading, sell = divmod(rest, 2)
            language = LANGUAGES[lang]
            en, zh, ru = self.universe.names[self.universe.headings[heading]]
            product = {"en": en, "zh_hans": zh, "ru": ru}[language]
            words = (SELL_WORDS if sell else BUY_WORDS)[language]
            title = (f"{words}{product}" if language == "zh_hans" else f"{words} {product.lower()}")[:200]
            description = DESCRIPTIONS[language][template].format(p=product)
            # The text and tokens exactly as reindex_leads computes them for these columns.
            text = lead_text({f"title_{language}": title, f"description_{language}": description})
            self.by_key[key] = (title, description, language, text, sorted(index_tokens(text)))

    def column(self, keys: np.ndarray, unique: np.ndarray, inverse: np.ndarray, part: int) -> list:
        return pick([self.by_key[k][part] for k in unique.tolist()], inverse)


@dataclass
class Leads:
    columns: dict  # column values by attribute name (lists of length n, or one value for all)
    chapters: set
    countries: tuple  # (lead index array, country index array): the acceptable countries
    keys: np.ndarray  # the text combination (``Texts`` key) of each lead


def leads(n: int, seed: int, universe, orgs: Organizations, texts: Texts, now, today, vendor: str) -> Leads:
    """``n`` open leads drawn from the dataset's distributions (see the module docstring of
    ``bench/leads_dataset.py``), column by column."""
    from scotemp.committees.queries import committee_id_for_hs

    rng = np.random.default_rng(seed)
    headings = universe.headings
    weights = np.array(universe.heading_weights)
    h = rng.choice(len(headings), size=n, p=weights / weights.sum())
    sell = rng.random(n) < 0.52

    # unit: the staple's, otherwise TNE (1/2), KGM or H87
    units = ["TNE", "KGM", "H87"]
    staple_unit = np.array([units.index(STAPLES[x][0]) if x in STAPLES else -1 for x in headings])
    unit = staple_unit[h]
    free = unit < 0
    unit[free] = np.array([0, 0, 1, 2])[rng.integers(0, 4, size=int(free.sum()))]

    # country: an offer of a staple comes from one of its origins, anything else from anywhere
    country = rng.choice(len(COUNTRIES), size=n, p=COUNTRY_P)
    for i, x in enumerate(headings):
        if x not in STAPLES:
            continue
        mask = sell & (h == i)
        origins = STAPLES[x][1]
        p = np.array(list(origins.values()), dtype=float)
        idx = np.array([COUNTRIES.index(c) for c in origins])
        country[mask] = idx[rng.choice(len(idx), size=int(mask.sum()), p=p / p.sum())]

    # organization: one of that country (the first 100 where the country has none)
    organization = np.empty(n, dtype=np.int64)
    for c in range(len(COUNTRIES)):
        mask = country == c
        pool = orgs.ids[orgs.countries == c]
        if len(pool) == 0:
            pool = orgs.ids[:100]
        organization[mask] = pool[rng.integers(0, len(pool), size=int(mask.sum()))]

    # HS code: a subheading of the heading (85 %, where it has any), else the heading
    flat, offsets, counts = [], [], []
    for x in headings:
        subs = universe.subheadings.get(x, [])
        offsets.append(len(flat))
        counts.append(len(subs))
        flat += subs
    offsets, counts = np.array(offsets), np.array(counts)
    use_sub = (counts[h] > 0) & (rng.random(n) < 0.85)
    sub = offsets[h] + (rng.random(n) * np.maximum(counts[h], 1)).astype(np.int64)
    codes = np.array(headings + flat, dtype=object)
    hs = np.where(use_sub, len(headings) + np.minimum(sub, len(flat) - 1), h)

    # language: the author's (90 %), otherwise any of the three; texts per (heading, kind, language)
    home = np.array([LANGUAGES.index(LANGUAGE_OF.get(c, "en")) for c in COUNTRIES])
    lang = np.where(rng.random(n) < 0.9, home[country], rng.integers(0, 3, size=n))
    n_templates = np.array([len(DESCRIPTIONS[x]) for x in LANGUAGES])
    template = (rng.random(n) * n_templates[lang]).astype(np.int64)
    keys = ((h * 2 + sell) * 3 + lang) * 4 + template
    unique, inverse = np.unique(keys, return_inverse=True)
    texts.fill(unique.tolist())

    # quantity in the unit, a minimum order on half of the offers
    base = np.where(unit == 0, TNE_QUANTITIES[rng.integers(0, 8, size=n)], np.where(unit == 1, 1000, 100))
    quantity = base * QUANTITY_FACTORS[rng.integers(0, 5, size=n)]
    has_min = sell & (rng.random(n) < 0.5)
    milli = quantity * 1000 // MIN_ORDER_DIVISORS[rng.integers(0, 4, size=n)]
    min_order = [
        f"{m // 1000}.{m % 1000:03d}" if k else None
        for m, k in zip(milli.tolist(), has_min.tolist(), strict=True)
    ]

    # Incoterm with a named place in the country (a port for the sea rules)
    incoterms = universe.incoterms
    incoterm = rng.integers(0, len(incoterms), size=n)
    sea = np.array([x in SEA_RULES for x in incoterms])[incoterm]
    place = np.empty(n, dtype=object)
    for c, code in enumerate(COUNTRIES):
        for is_sea, table in ((True, universe.ports), (False, universe.places)):
            mask = (country == c) & (sea == is_sea)
            pool = np.array(table.get(code) or table["CN"], dtype=object)
            place[mask] = pool[rng.integers(0, len(pool), size=int(mask.sum()))]

    # price: on request (20 %), else 100-5,000 in the local currency (30 %) or USD
    local = np.array([CURRENCIES.get(c, "USD") for c in COUNTRIES], dtype=object)[country]
    currency = np.where(rng.random(n) < 0.3, local, "USD")
    on_request = rng.random(n) < 0.2
    price = rng.integers(100, 5001, size=n)
    unit_codes = np.array(units, dtype=object)[unit]

    published = datetimes(now, rng.integers(0, 180 * 86400 + 1, size=n), vendor)
    valid_days = rng.integers(1, 366, size=n)
    valid_until = np.datetime_as_string(np.datetime64(today, "D") + valid_days, unit="D").tolist()

    # acceptable countries: 0-4 draws (empty on 3/7), duplicates merged
    k = N_COUNTRIES[rng.integers(0, 7, size=n)]
    draws = rng.choice(len(COUNTRIES), size=(n, 4), p=COUNTRY_P)
    rows, cols = np.nonzero(np.arange(4)[None, :] < k[:, None])
    pairs = np.unique(rows * 64 + draws[rows, cols])
    country_links = (pairs // 64, pairs % 64)

    held = sample_sets(rng, np.where(sell, HELD_SIZES[rng.integers(0, 5, size=n)], 0), len(CERTIFICATIONS))
    required = sample_sets(
        rng, np.where(sell, 0, REQUIRED_SIZES[rng.integers(0, 5, size=n)]), len(CERTIFICATIONS)
    )
    payment = [json.dumps([p]) for p in PAYMENT_TERMS]

    committee = [committee_id_for_hs(universe.committee_of, x) for x in headings]
    chapter = [x[:2] for x in headings]
    title = texts.column(keys, unique, inverse, 0)
    description = texts.column(keys, unique, inverse, 1)
    columns = {
        "created_at": published,
        "updated_at": published,
        "public_id": uuid_hex(rng, n),
        "organization_id": organization.tolist(),
        "author_id": None,
        "kind": np.where(sell, "sell", "buy").tolist(),
        "status": "published",
        "language": texts.column(keys, unique, inverse, 2),
        "title": title,
        "description": description,
        "hs_code_id": codes[hs].tolist(),
        "hs_heading": pick(headings, h),
        "hs_chapter": pick(chapter, h),
        "specification": "",
        "attributes": "{}",
        "quantity": [str(q) for q in quantity.tolist()],
        "unit_id": unit_codes.tolist(),
        "min_order": min_order,
        "price": np.where(on_request, None, price.astype(str).astype(object)).tolist(),
        "currency_id": np.where(on_request, None, currency).tolist(),
        "price_unit_id": np.where(on_request, None, unit_codes).tolist(),
        "price_on_request": on_request.tolist(),
        "incoterm_id": pick(incoterms, incoterm),
        "incoterm_place_id": place.tolist(),
        "origin_country_id": np.where(sell, np.array(COUNTRIES, dtype=object)[country], None).tolist(),
        "delivery_from": None,
        "delivery_until": None,
        "payment_terms": pick(payment, rng.integers(0, len(PAYMENT_TERMS), size=n)),
        "certifications_held": json_lists(held, CERTIFICATIONS),
        "certifications_required": json_lists(required, CERTIFICATIONS),
        "valid_until": valid_until,
        "published_at": published,
        "committee_id": pick(committee, h),
        "search_text": texts.column(keys, unique, inverse, 3),
    }
    for i, lang_code in enumerate(LANGUAGES):
        mine = lang == i
        columns[f"title_{lang_code}"] = np.where(mine, np.array(title, dtype=object), None).tolist()
        columns[f"description_{lang_code}"] = np.where(
            mine, np.array(description, dtype=object), None
        ).tolist()
    chapters = {chapter[i] for i in np.unique(h).tolist()}
    return Leads(columns, chapters, country_links, keys)
