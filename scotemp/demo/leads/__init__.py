"""About 5,000 published demo leads across the committees' sectors, so that the personas see
meaningful matches on first login. Each lead is published by an organization of the product's sector
(``products.PRODUCTS``): grain traders offer wheat, Chongqing food processors request it, a mining
group offers ores and requests mining equipment; its committee is the one of its HS code's sector.

Sell offers follow the region's real trade: wheat and barley from Kazakhstan and Russia, aluminium
from Russia and Kazakhstan, cotton from Uzbekistan, dried fruit from Tajikistan and Uzbekistan,
motorcycles, auto parts, electronics and machinery from Chongqing, potash and NPK from Belarus, rice
from Pakistan, tea and medicines from India, pistachios from Iran, coal from Russia and Kazakhstan.
Buy requests come mostly from Chongqing importers (grain, dried fruit, aluminium, cotton, potash …)
and from Central Asian and Russian importers of Chongqing's manufactured goods. Titles are in the
organization's language (Russian in the CIS, Chinese in China, English elsewhere) with translations
for about a third of them. Prices are typical of 2024–2025 wholesale trade (rounded, illustrative).

Deterministic (fixed seed, public ids derived from the lead's number) and idempotent: only missing
leads are created, in bulk. Persona leads come first: Aigerim's grain trader offers wheat and barley,
Li Wei's Chongqing food processor requests wheat and dried fruit.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.committees.queries import committee_id_for_hs, hs_scope_index
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.personas import PERSONAS
from scotemp.reference.models import HSCode, Location
from scotemp.trade.choices import LeadKind, LeadStatus
from scotemp.trade.models import Lead

from .attributes import written_in
from .products import PERSONA_LEADS, PRODUCTS

SEED = 2026_04
TARGET = 5000
NAMESPACE = uuid.UUID("6f1c2a9e-4b7d-4c51-9a53-5c0e7e1d2b10")
SUFFIX = {"en": "en", "zh-hans": "zh_hans", "ru": "ru"}
LANGUAGE_BY_COUNTRY = {
    "CN": "zh-hans",
    "RU": "ru",
    "KZ": "ru",
    "KG": "ru",
    "TJ": "ru",
    "BY": "ru",
    "UZ": "ru",
    "MN": "ru",
}


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


class LeadSeeder:
    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.now = timezone.now()

    def load(self):
        sectors = sector_by_organization()
        self.orgs_by_sector: dict[tuple[str, str], list[int]] = {}
        rows = Organization.objects.order_by("country_id", "name").values_list("id", "country_id", "name")
        for org_id, country, name in rows:
            sector = sectors.get((country, name))
            if sector:
                self.orgs_by_sector.setdefault((country, sector), []).append(org_id)
        self.owner = dict(
            Membership.objects.filter(role="owner")
            .order_by("created_at")
            .values_list("organization_id", "user_id")
        )
        self.hs_codes = set(HSCode.objects.values_list("code", flat=True))
        self.places = {loc.locode: loc for loc in Location.objects.filter(curated=True)}
        self.committee_index = hs_scope_index()
        self.persona_orgs = {}
        for persona in PERSONAS:
            if persona.get("org"):
                org = Organization.objects.filter(name=persona["org"]["name"]).first()
                if org is not None:
                    self.persona_orgs[persona["key"]] = org

    def _texts(self, product, language, variant=None):
        titles = product["titles"]
        if language not in titles:
            language = next(lang for lang in ("en", "ru", "zh-hans") if lang in titles)
        own = titles[language]
        if variant is None:
            variant = self.rng.randrange(len(product["hs"]) if product.get("paired") else len(own))
        index = variant % len(own)
        values = {f"title_{s}": "" for s in SUFFIX.values()}
        values[f"title_{SUFFIX[language]}"] = own[index]
        if self.rng.random() < 0.35:  # a translation for about a third
            for other, texts in titles.items():
                if other != language:
                    values[f"title_{SUFFIX[other]}"] = texts[index % len(texts)]
        return language, values, variant

    def build(
        self, number, product, org_id, country, *, hs=None, place=None, variant=None
    ) -> tuple[Lead, list[str]]:
        rng = self.rng
        language = LANGUAGE_BY_COUNTRY.get(country, "en")
        language, texts, variant = self._texts(product, language, variant)
        if hs is None:
            paired = product.get("paired")
            hs = product["hs"][variant % len(product["hs"])] if paired else rng.choice(product["hs"])
        incoterm, locode = place or rng.choice(product["places"])
        lo, hi, step = product["qty"]
        quantity = Decimal(rng.randrange(lo // step, hi // step + 1) * step)
        currency = rng.choice(list(product["prices"]))
        pmin, pmax = product["prices"][currency]
        if product.get("variant_prices") and currency == "USD":
            pmin, pmax = product["variant_prices"][variant % len(product["variant_prices"])]
        on_request = rng.random() < product.get("on_request", 0.1)
        price = None
        if not on_request:
            raw = Decimal(str(pmin)) + (Decimal(str(pmax)) - Decimal(str(pmin))) * Decimal(
                str(round(rng.random(), 3))
            )
            price = raw.quantize(Decimal("0.01") if raw < 10 else Decimal("1"))
        chosen = {
            key: rng.choice(values)
            for key, values in product.get("attributes", {}).items()
            if rng.random() < 0.8
        }
        attributes = written_in(language, chosen)
        published = self.now - datetime.timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 1440))
        delivery_from = self.today + datetime.timedelta(days=rng.randrange(7, 60))
        lead = Lead(
            public_id=uuid.uuid5(NAMESPACE, f"demo-lead-{number}"),
            organization_id=org_id,
            author_id=self.owner.get(org_id),
            kind=product["kind"],
            status=LeadStatus.PUBLISHED,
            language=language,
            hs_code_id=hs,
            hs_heading=hs[:4],
            hs_chapter=hs[:2],
            quantity=quantity,
            unit_id=product["unit"],
            min_order=(quantity / 10).quantize(Decimal("1"))
            if product["kind"] == LeadKind.SELL and rng.random() < 0.6
            else None,
            price=price,
            currency_id=currency if price is not None else None,
            price_unit_id=product["unit"] if price is not None else None,
            price_on_request=price is None,
            incoterm_id=incoterm,
            incoterm_place_id=locode,
            origin_country_id=country if product["kind"] == LeadKind.SELL else None,
            delivery_from=delivery_from,
            delivery_until=delivery_from + datetime.timedelta(days=rng.choice([30, 60, 90, 180])),
            payment_terms=rng.sample(
                ["tt_advance", "tt_partial", "lc_sight", "dp", "cad", "open_account"], k=rng.randint(1, 2)
            ),
            certifications_held=list(product.get("certs", [])) if product["kind"] == LeadKind.SELL else [],
            certifications_required=list(product.get("certs_required", [])),
            valid_until=self.today + datetime.timedelta(days=rng.randrange(20, 300)),
            published_at=published,
            committee_id=committee_id_for_hs(self.committee_index, hs),
            attributes=attributes,
            **texts,
        )
        countries = [c for c in product["to"] if c != country]
        countries = rng.sample(countries, k=min(len(countries), rng.randint(1, 3))) if countries else []
        return lead, countries

    def plan(self):
        """(number, Lead, countries) for every demo lead, personas first; same output every run."""
        planned = []
        number = 0
        for key, product, hs, incoterm, locode, variant in PERSONA_LEADS:
            org = self.persona_orgs.get(key)
            if org is None:
                continue
            lead, countries = self.build(
                number, product, org.id, org.country_id, hs=hs, place=(incoterm, locode), variant=variant
            )
            lead.price_on_request = lead.price is None
            lead.valid_until = self.today + datetime.timedelta(days=120)
            planned.append((lead, countries))
            number += 1
        weights = [p["weight"] for p in PRODUCTS]
        persona_ids = {org.id for org in self.persona_orgs.values()}
        while number < TARGET:
            product = self.rng.choices(PRODUCTS, weights=weights, k=1)[0]
            country = _weighted(self.rng, product["countries"])
            orgs = self.orgs_by_sector.get((country, product["sector"]))
            if not orgs:
                continue
            org_id = self.rng.choice(orgs)
            if org_id in persona_ids:
                continue  # the personas' leads are the hand-written ones above
            planned.append(self.build(number, product, org_id, country))
            number += 1
        return planned

    def run(self) -> list[int]:
        self.load()
        planned = self.plan()
        wanted = [lead.public_id for lead, _c in planned]
        existing = set()
        for start in range(0, len(wanted), 900):
            existing |= set(
                Lead.objects.filter(public_id__in=wanted[start : start + 900]).values_list(
                    "public_id", flat=True
                )
            )
        missing = [(lead, countries) for lead, countries in planned if lead.public_id not in existing]
        skipped = [
            lead
            for lead, _c in missing
            if lead.hs_code_id not in self.hs_codes or lead.incoterm_place_id not in self.places
        ]
        missing = [(lead, c) for lead, c in missing if lead not in skipped]
        if not missing:
            self.log(f"Leads: all {len(planned)} demo leads exist.")
            return []
        with transaction.atomic():
            Lead.objects.bulk_create([lead for lead, _c in missing], batch_size=500)
            ids = dict(
                Lead.objects.filter(public_id__in=[lead.public_id for lead, _c in missing]).values_list(
                    "public_id", "id"
                )
            )
            through = Lead.countries.through
            rows = [
                through(lead_id=ids[lead.public_id], country_id=code)
                for lead, countries in missing
                for code in countries
            ]
            through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        self.log(f"Leads: created {len(missing)} demo leads ({len(existing)} existed).")
        return list(ids.values())


def seed_leads(log=None) -> list[int]:
    """Create the missing demo leads, index them for search and compute their matches."""
    log = log or (lambda message: None)
    created = LeadSeeder(log).run()
    if not created:
        return created
    from scotemp.trade.matching.store import rematch_all
    from scotemp.trade.search import reindex_leads

    with transaction.atomic():
        reindex_leads(created)
    rematch_all()
    return created
