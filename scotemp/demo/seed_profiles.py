"""Demo directory profiles: every demo organization gets a valid registration identifier, a
description in its own language (often a second one too), an address, contacts, activities, the HS
headings of its trade and, for producers, certifications.

Registration identifiers are computed with python-stdnum's own check-digit functions and checked
with :func:`scotemp.directory.registry.clean_registry_id`, so they pass the same validation as user
input. The numbers are fictitious; any match with a real company is accidental.

Deterministic: everything about an organization follows a hash of its country and name. Idempotent:
an organization whose profile already lists activities is left alone (its owner may have edited it);
the persona descriptions are moved into their language's column on every run.

Called by ``seed_demo`` inside its transaction, before the verification states and the search index.
"""

import random
import zlib

import phonenumbers
from stdnum import luhn
from stdnum.by import unp
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn, ogrn

from scotemp.accounts.models import Organization
from scotemp.demo.personas import PERSONAS
from scotemp.directory.models import Certification, OrganizationProfile, ProfileActivity, ProfileProduct
from scotemp.directory.registry import clean_registry_id
from scotemp.directory.stdnum_kz import bin as kz_bin
from scotemp.reference.models import HSCode

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

# trade key -> (keywords in the Latin name, exported headings, imported headings, activities)
TRADES = {
    "grain": (("grain", "zerno", "agro", "agricultural"), ["1001", "1003", "1101", "1205"], ["3102", "8433"]),
    "aluminium": (
        ("aluminium", "aluminiy", "metall", "metals"),
        ["7601", "7604", "7606", "7608"],
        ["2606", "2818"],
    ),
    "motorcycle": (("motorcycle",), ["8711", "8714", "8407"], ["7208"]),
    "auto_parts": (("auto parts",), ["8708", "8707", "8409", "8511"], ["7210"]),
    "electronics": (("electronics",), ["8517", "8471", "8504", "8528"], ["8542"]),
    "machinery": (("machinery", "mash", "engineering"), ["8429", "8474", "8479", "8483"], ["7326"]),
    "cotton": (("cotton", "textiles"), ["5201", "5205", "5208", "6109"], ["8445"]),
    "dried_fruit": (("frukt", "dried fruit"), ["0806", "0813", "0802", "0810"], ["4819"]),
    "tea": (("tea",), ["0902", "2101", "0910"], ["4819"]),
    "rice": (("rice",), ["1006", "1102", "1103"], ["8437"]),
    "fertilizers": (
        ("fertilizers", "khim", "chemical", "petrochemical"),
        ["3102", "3105", "2814", "3901"],
        ["2510"],
    ),
    "pharma": (("pharma", "farm"), ["3004", "3002", "2941"], ["2936"]),
    "mining": (("mining",), ["2601", "2603", "2608", "7108"], ["8430"]),
    "energy": (("energo",), ["2701", "2711", "8502", "8541"], ["8406"]),
    "foods": (("foods",), ["1101", "1512", "1905", "0813"], ["1001", "0806"]),
    "trading": (("import & export", "trading", "trade"), ["0806", "8517", "6109", "1001"], ["8708", "7601"]),
}
SERVICE_KEYWORDS = {
    "logistics": (
        ("logistic", "ekspeditsiya", "supply chain", "tranzit"),
        ["forwarder", "customs_broker", "warehouse"],
    ),
    "finance": (("invest",), ["bank", "consulting"]),
}
TRADE_WORDS = {
    "grain": ("зерна и муки", "粮食和面粉", "grain and flour"),
    "aluminium": ("алюминия и алюминиевого проката", "铝锭和铝型材", "aluminium ingots and profiles"),
    "motorcycle": ("мотоциклов и запчастей к ним", "摩托车及零部件", "motorcycles and their parts"),
    "auto_parts": ("автокомпонентов", "汽车零部件", "automotive components"),
    "electronics": ("электроники и средств связи", "电子产品和通信设备", "electronics and telecom equipment"),
    "machinery": ("машин и оборудования", "机械设备", "machinery and equipment"),
    "cotton": ("хлопка и текстиля", "棉花和纺织品", "cotton and textiles"),
    "dried_fruit": ("сухофруктов и орехов", "干果和坚果", "dried fruit and nuts"),
    "tea": ("чая", "茶叶", "tea"),
    "rice": ("риса и крупы", "大米和谷物", "rice and cereals"),
    "fertilizers": ("удобрений и химической продукции", "化肥和化工产品", "fertilizers and chemicals"),
    "pharma": ("лекарственных препаратов", "药品", "medicines"),
    "mining": ("руды и концентратов", "矿石和精矿", "ores and concentrates"),
    "energy": (
        "энергоносителей и энергетического оборудования",
        "能源和电力设备",
        "energy and power equipment",
    ),
    "foods": ("продуктов питания", "食品", "food products"),
    "trading": ("потребительских и промышленных товаров", "消费品和工业品", "consumer and industrial goods"),
}
STREETS = {
    "ru": ["ул. Ленина", "пр. Абая", "ул. Навои", "ул. Советская", "пр. Независимости", "ул. Гагарина"],
    "zh-hans": ["解放碑大道", "两江大道", "金开大道", "渝州路", "长江路", "人民路"],
    "en": ["Industrial Area Road", "Trade Centre Street", "Free Zone Avenue", "Station Road", "Port Road"],
}
# The personas' trade is known from personas.py: (exports, imports).
PERSONA_PRODUCTS = {
    "Astyk Trade Almaty LLP": ("grain", ["1001", "1003"], []),
    "Chongqing Yuliang Foods Co., Ltd.": ("foods", ["1101", "1905"], ["1001", "0806", "0813"]),
}
STAFF = ["1-9", "10-49", "10-49", "50-249", "50-249", "250-999", "1000+"]


def _rng(org: Organization) -> random.Random:
    return random.Random(zlib.crc32(f"{org.country_id}:{org.name}".encode()))


def trade_of(org: Organization) -> tuple[str | None, str | None]:
    """(goods trade key, service key) guessed from the Latin name; one of them may be None."""
    if org.name_latin in PERSONA_PRODUCTS:
        return PERSONA_PRODUCTS[org.name_latin][0], None
    if org.type in ("association", "education", "institution"):
        return None, None
    latin = (org.name_latin or org.name).lower()
    for key, (words, *_rest) in TRADES.items():
        if any(word in latin for word in words):
            return key, None
    for key, (words, _activities) in SERVICE_KEYWORDS.items():
        if any(word in latin for word in words):
            return None, key
    if org.type == "logistics":
        return None, "logistics"
    if org.type == "financial":
        return None, "finance"
    return None, None


# --- registration identifiers, valid by construction ---------------------------------------------------


def _digits(rng, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


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
        number = phonenumbers.PhoneNumber(
            country_code=int(country_code), national_number=int(area + _digits(rng, length - len(area)))
        )
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return ""


def make_registry_id(country: str, rng: random.Random) -> tuple[str, str]:
    """A (type, identifier) pair that passes the platform's validation for ``country``."""
    if country == "CN":
        body = "91" + rng.choice(["500000", "500112", "510100", "610100", "650100"])
        body += "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        return "cn_uscc", body + uscc.calc_check_digit(body)
    if country == "RU":
        if rng.random() < 0.7:
            body = rng.choice(["54", "77", "78", "66"]) + _digits(rng, 7)
            return "ru_inn", body + inn.calc_company_check_digit(body)
        body = "1" + _digits(rng, 11)
        return "ru_ogrn", body + ogrn.calc_check_digit(body + "0")
    if country == "KZ":
        while True:  # registered in 20YY, month 04-07, a resident legal entity's head office
            body = _digits(rng, 2) + rng.choice(["04", "05", "06", "07"]) + "40" + _digits(rng, 5)
            try:
                return "kz_bin", body + kz_bin.calc_check_digit(body)
            except StdnumError:  # bodies whose check value would be 10 are never issued
                continue
    if country == "BY":
        while True:
            body = rng.choice("1234567") + _digits(rng, 7)
            try:
                return "by_unp", body + unp.calc_check_digit(body + "0")
            except StdnumError:  # stdnum refuses bodies whose check value would be 10
                continue
    if country == "IN":
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        pan = "".join(rng.choice(letters) for _ in range(3)) + "C" + rng.choice(letters)
        pan += str(rng.randrange(1, 10)) + _digits(rng, 3) + rng.choice(letters)
        body = rng.choice(["27", "29", "07", "33", "24"]) + pan + "1Z"
        return "in_gstin", body + luhn.calc_check_digit(body, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    prefix = {
        "UZ": "",
        "PK": "NTN ",
        "IR": "",
        "TR": "VKN ",
        "AZ": "VÖEN ",
        "MN": "",
        "AE": "TRN ",
        "SA": "CR ",
    }
    length = {"UZ": 9, "IR": 11, "AE": 15}.get(country, 10)
    return "other", prefix.get(country, "") + str(rng.randrange(1, 10)) + _digits(rng, length - 1)


def _unique_registry_id(org, rng, taken: set) -> tuple[str, str]:
    while True:
        kind, raw = make_registry_id(org.country_id, rng)
        clean = clean_registry_id(org.country_id, kind, raw)  # raises if this module ever drifts
        if (org.country_id, clean) not in taken:
            taken.add((org.country_id, clean))
            return kind, clean


# --- descriptions ----------------------------------------------------------------------------------------


def _local_name(row, language: str) -> str:
    """A translated reference name in ``language`` (the seed runs in English)."""
    if row is None:
        return ""
    return getattr(row, "name_" + language.replace("-", "_"), "") or row.name_en or ""


def describe(org: Organization, trade: str | None, service: str | None, language: str) -> str:
    place = _local_name(org.city, language) or _local_name(org.country, language)
    if trade:
        ru, zh, en = TRADE_WORDS[trade]
        manufacturer = org.type == "manufacturer"
        texts = {
            "ru": (
                f"{'Производство и экспорт' if manufacturer else 'Оптовая торговля и экспорт'} {ru}. "
                f"Работаем с партнёрами из стран ШОС, отгрузка из г. {place}, условия FCA/CPT."
            ),
            "zh-hans": (
                f"{'专业生产和出口' if manufacturer else '从事批发和进出口'}{zh}，面向上合组织国家客户，"
                f"从{place}发货，可按FCA/CPT条款交货。"
            ),
            "en": (
                f"{'Manufacturer and exporter' if manufacturer else 'Wholesale trader and exporter'} "
                f"of {en}, "
                f"serving buyers across the SCO region; shipments from {place} on FCA/CPT terms."
            ),
        }
    elif service == "logistics":
        texts = {
            "ru": f"Экспедирование грузов, таможенное оформление и складские услуги; офис в г. {place}.",
            "zh-hans": f"提供货运代理、报关和仓储服务，办公地点位于{place}。",
            "en": f"Freight forwarding, customs clearance and warehousing; office in {place}.",
        }
    elif service == "finance":
        texts = {
            "ru": "Финансирование внешнеторговых сделок: аккредитивы, гарантии, консультации.",
            "zh-hans": "为外贸交易提供融资服务：信用证、保函和咨询。",
            "en": "Trade finance for cross-border deals: letters of credit, guarantees and advice.",
        }
    else:
        texts = {
            "ru": f"Организация из г. {place}, участник торгово-экономического сотрудничества стран ШОС.",
            "zh-hans": f"位于{place}的机构，积极参与上合组织国家经贸合作。",
            "en": f"Based in {place}, active in trade and economic cooperation among SCO countries.",
        }
    return texts[language]


def _activities(org, trade, service, rng) -> list[str]:
    if service:
        return SERVICE_KEYWORDS[service][1][: rng.randint(1, len(SERVICE_KEYWORDS[service][1]))]
    if org.type == "association":
        return ["consulting"]
    if org.type == "education":
        return ["education"]
    result = ["manufacturer", "exporter"] if org.type == "manufacturer" else ["exporter", "wholesaler"]
    if trade and rng.random() < 0.5:
        result.append("importer")
    return result


def _certifications(org, trade, rng, today) -> list[Certification]:
    if not trade:
        return []
    schemes = ["iso9001"]
    if trade in {"grain", "dried_fruit", "tea", "rice", "foods"}:
        schemes.append(rng.choice(["haccp", "iso22000", "halal"]))
    if org.type == "manufacturer" and rng.random() < 0.5:
        schemes.append("iso14001")
    if org.country_id in {"RU", "KZ", "BY", "KG"}:
        schemes.append("eac")
    if org.country_id == "CN" and trade in {"motorcycle", "electronics", "auto_parts"}:
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
        trade, service = trade_of(org)
        language = ORG_LANGUAGE.get(org.country_id, "en")
        city = _local_name(org.city, language)
        if not org.registry_id:
            org.registry_type, org.registry_id = _unique_registry_id(org, rng, taken)
        column = "description_" + language.replace("-", "_")
        if not getattr(org, column):
            setattr(org, column, describe(org, trade, service, language))
        second = "en" if language != "en" else rng.choice(["ru", "zh-hans"])
        second_column = "description_" + second.replace("-", "_")
        if rng.random() < 0.6 and not getattr(org, second_column):
            setattr(org, second_column, describe(org, trade, service, second))
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
        activities += [
            ProfileActivity(profile=profile, activity=a) for a in _activities(org, trade, service, rng)
        ]
        if trade:
            exports, imports = TRADES[trade][1], TRADES[trade][2]
            chosen_exports = exports[: rng.randint(2, len(exports))]
            chosen_imports = imports[: rng.randint(0, len(imports))]
            if org.name_latin in PERSONA_PRODUCTS:
                _trade, chosen_exports, chosen_imports = PERSONA_PRODUCTS[org.name_latin]
            elif org.country_id == "CN" and trade in {"grain", "dried_fruit", "cotton"}:
                # Chongqing buys these from Central Asia rather than selling them.
                chosen_exports, chosen_imports = chosen_imports, chosen_exports
            for code in chosen_exports:
                if code in headings:
                    products.append(ProfileProduct(profile=profile, hs_code_id=code, direction="export"))
            for code in chosen_imports:
                if code in headings:
                    products.append(ProfileProduct(profile=profile, hs_code_id=code, direction="import"))
        for cert in _certifications(org, trade, rng, today):
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
