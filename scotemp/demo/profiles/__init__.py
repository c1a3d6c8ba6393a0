"""Demo directory profiles: every demo organization gets a valid registration identifier, a
description in its own language (often a second one too), an address, contacts, activities, the HS
headings of its trade and, for producers, certifications.

Everything follows the organization's sector (``scotemp.demo.sectors``): its HS headings are what the
sector sells and buys, its activities and description what it does. Registration identifiers are valid
by construction (``registry_ids``).

Deterministic: everything about an organization follows a hash of its country and name. Idempotent:
an organization whose profile already lists activities is left alone (its owner may have edited it);
the persona descriptions are moved into their language's column on every run.

Called by ``seed_demo`` inside its transaction, before the verification states and the search index.
"""

import random
import zlib

import phonenumbers

from scotemp.accounts.models import Organization
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.personas import PERSONAS
from scotemp.demo.sectors import SECTORS, Sector
from scotemp.directory.models import Certification, OrganizationProfile, ProfileActivity, ProfileProduct
from scotemp.reference.models import HSCode

from .descriptions import describe
from .descriptions import local_name as _local_name
from .registry_ids import unique_registry_id

ORG_LANGUAGE = {
    "CN": "zh-hans",
    "RU": "ru",
    "KZ": "ru",
    "KG": "ru",
    "TJ": "ru",
    "BY": "ru",
    "UZ": "ru",
    "MN": "ru",
}
PHONE_PREFIX = {
    "CN": "+86 23",
    "RU": "+7 383",
    "KZ": "+7 727",
    "UZ": "+998 71",
    "KG": "+996 312",
    "BY": "+375 17",
    "TJ": "+992 37",
    "IN": "+91 22",
    "PK": "+92 42",
    "IR": "+98 21",
    "MN": "+976 11",
    "TR": "+90 212",
    "AZ": "+994 12",
    "AE": "+971 4",
    "SA": "+966 11",
}

STREETS = {
    "ru": ["ул. Ленина", "пр. Абая", "ул. Навои", "ул. Советская", "пр. Независимости", "ул. Гагарина"],
    "zh-hans": ["解放碑大道", "两江大道", "金开大道", "渝州路", "长江路", "人民路"],
    "en": ["Industrial Area Road", "Trade Centre Street", "Free Zone Avenue", "Station Road", "Port Road"],
}
# The personas' trade is known from personas.py: (exports, imports).
PERSONA_PRODUCTS = {
    "Astyk Trade Almaty LLP": (["1001", "1003"], []),
    "Chongqing Yuliang Foods Co., Ltd.": (["1101", "1905"], ["1001", "0806", "0813"]),
}
# Companies that buy and resell their sector's goods without making or exporting them.
IMPORTERS = {
    ("fertilizer", "CN"),
    ("fertilizer", "IN"),
    ("fertilizer", "UZ"),
    ("pharma", "KZ"),
    ("pharma", "UZ"),
}
FOOD_SECTORS = {"grain", "food", "fruit", "tea", "rice"}
STAFF = ["1-9", "10-49", "10-49", "50-249", "50-249", "250-999", "1000+"]


def _phone(rng: random.Random, country: str) -> str:
    """A valid office number in the organization's city (``PHONE_PREFIX``), the rest of its digits
    drawn, checked with the same library that checks what users type."""
    prefix = PHONE_PREFIX.get(country)
    if prefix is None:
        return ""
    country_code, area = prefix.lstrip("+").split(" ", 1)
    example = phonenumbers.example_number_for_type(
        phonenumbers.region_code_for_country_code(int(country_code)), phonenumbers.PhoneNumberType.FIXED_LINE
    )
    length = len(str(example.national_number)) if example else 10
    for _attempt in range(200):
        digits = "".join(str(rng.randrange(10)) for _ in range(length - len(area)))
        number = phonenumbers.PhoneNumber(country_code=int(country_code), national_number=int(area + digits))
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return ""


def _rng(org: Organization) -> random.Random:
    return random.Random(zlib.crc32(f"{org.country_id}:{org.name}".encode()))


def _activities(org, sector: Sector | None, rng) -> list[str]:
    if sector is None:
        return ["consulting"]
    result = list(sector.activities)
    if org.type == "trader" and "manufacturer" in result:
        result.remove("manufacturer")
        result.append("wholesaler")
    if sector.sells and sector.buys and "importer" not in result and rng.random() < 0.5:
        result.append("importer")
    return result


def _certifications(org, sector: Sector | None, rng, today) -> list[Certification]:
    if sector is None or not sector.sells or org.type not in ("manufacturer", "trader"):
        return []
    schemes = ["iso9001"]
    if sector.key in FOOD_SECTORS:
        schemes.append(rng.choice(["haccp", "iso22000", "halal"]))
    if org.type == "manufacturer" and rng.random() < 0.5:
        schemes.append("iso14001")
    if org.country_id in {"RU", "KZ", "BY", "KG"}:
        schemes.append("eac")
    if org.country_id == "CN" and sector.key in {"motorcycles", "electronics", "auto_parts"}:
        schemes.append("ccc")
    certs = []
    for scheme in schemes:
        start = today.replace(year=today.year - rng.randint(1, 3))
        # About one in eight has lapsed, so the directory shows what an expired certificate looks like.
        end = (
            start.replace(year=start.year + 3) if rng.random() > 0.12 else today.replace(year=today.year - 1)
        )
        certs.append(
            Certification(
                scheme=scheme,
                number=f"{scheme.upper()}-{org.country_id}-{rng.randrange(10000, 99999)}",
                issuer=rng.choice(["Bureau Veritas", "SGS", "TÜV Rheinland", "CQC", "Ростест", "Intertek"]),
                valid_from=start,
                valid_until=end,
            )
        )
    return certs


def _fix_persona_descriptions() -> None:
    """seed_demo writes a persona's description in the active language's column; move it to its own."""
    for persona in PERSONAS:
        spec = persona.get("org")
        if not spec:
            continue
        column = "description_" + persona["language"].replace("-", "_")
        org = Organization.objects.filter(name=spec["name"], country_id=spec["country"]).first()
        if org is None:
            continue
        changed = []
        if getattr(org, column) != spec["description"]:
            setattr(org, column, spec["description"])
            changed.append(column)
        if column != "description_en" and org.description_en == spec["description"]:
            org.description_en = ""
            changed.append("description_en")
        if changed:
            org.save(update_fields=changed)


def seed_profiles(log=None) -> int:
    """Fill the profiles of demo organizations that have none yet; returns how many were filled."""
    import datetime

    _fix_persona_descriptions()
    today = datetime.date.today()
    headings = set(HSCode.objects.filter(level=4).values_list("code", flat=True))
    sectors = sector_by_organization()
    orgs = list(Organization.objects.select_related("country", "city").order_by("country_id", "name"))
    profiles = {p.organization_id: p for p in OrganizationProfile.objects.all()}
    seeded = set(ProfileActivity.objects.values_list("profile__organization_id", flat=True).distinct())
    taken = {(o.country_id, o.registry_id) for o in orgs if o.registry_id}
    missing = [OrganizationProfile(organization=o) for o in orgs if o.pk not in profiles]
    OrganizationProfile.objects.bulk_create(missing)
    profiles.update({p.organization_id: p for p in missing})
    org_updates, profile_updates, activities, products, certifications = [], [], [], [], []
    for org in orgs:
        if org.pk in seeded:
            continue
        rng = _rng(org)
        profile = profiles[org.pk]
        sector_key = sectors.get((org.country_id, org.name))
        sector = SECTORS[sector_key] if sector_key else None
        language = ORG_LANGUAGE.get(org.country_id, "en")
        city = _local_name(org.city, language)
        if not org.registry_id:
            org.registry_type, org.registry_id = unique_registry_id(org, rng, taken)
        column = "description_" + language.replace("-", "_")
        if not getattr(org, column):
            setattr(org, column, describe(org, sector, language))
        second = "en" if language != "en" else rng.choice(["ru", "zh-hans"])
        second_column = "description_" + second.replace("-", "_")
        if rng.random() < 0.6 and not getattr(org, second_column):
            setattr(org, second_column, describe(org, sector, second))
        org_updates.append(org)
        street = rng.choice(STREETS[language if language in STREETS else "en"])
        number = rng.randint(1, 180)
        if language == "zh-hans":
            profile.address = f"{city}{street}{number}号" if city else f"{street}{number}号"
        elif language == "ru":
            profile.address = f"г. {city}, {street}, {number}" if city else f"{street}, {number}"
        else:
            profile.address = f"{number} {street}, {city}" if city else f"{number} {street}"
        profile.contact_person = ""
        slug = "".join(ch for ch in (org.name_latin or "org").lower() if ch.isalnum())[:24]
        profile.contact_email = f"sales@{slug}.{org.country_id.lower()}.demo"
        profile.contact_phone = _phone(rng, org.country_id)
        profile.year_founded = rng.randint(1992, 2022)
        profile.staff_range = rng.choice(STAFF)
        profile_updates.append(profile)
        activities += [ProfileActivity(profile=profile, activity=a) for a in _activities(org, sector, rng)]
        if sector is not None:
            exports, imports = list(sector.sells), list(sector.buys)
            if (sector.key, org.country_id) in IMPORTERS:
                exports = []
            if org.name_latin in PERSONA_PRODUCTS:
                exports, imports = PERSONA_PRODUCTS[org.name_latin]
            for code in exports:
                if code in headings:
                    products.append(ProfileProduct(profile=profile, hs_code_id=code, direction="export"))
            for code in imports:
                if code in headings and code not in exports:
                    products.append(ProfileProduct(profile=profile, hs_code_id=code, direction="import"))
        for cert in _certifications(org, sector, rng, today):
            cert.profile = profile
            certifications.append(cert)
    Organization.objects.bulk_update(
        org_updates,
        ["registry_type", "registry_id", "description_en", "description_ru", "description_zh_hans"],
        batch_size=200,
    )
    OrganizationProfile.objects.bulk_update(
        profile_updates,
        ["address", "contact_person", "contact_email", "contact_phone", "year_founded", "staff_range"],
        batch_size=200,
    )
    ProfileActivity.objects.bulk_create(activities, batch_size=500)
    ProfileProduct.objects.bulk_create(products, batch_size=500)
    Certification.objects.bulk_create(certifications, batch_size=500)
    if log:
        log(
            f"Profiles: filled {len(org_updates)} "
            f"({len(products)} HS headings, {len(certifications)} certificates)."
        )
    return len(org_updates)
