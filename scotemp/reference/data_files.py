"""Readers for the files in ``scotemp/reference/data`` (see data/PROVENANCE.md).

Each ``*_rows()`` function returns plain dicts keyed by model attribute names (``country_id``,
``name_ru`` …), cleaned of the sources' pitfalls: the byte-order marks, UN Comtrade's ``TOTAL``
aggregate rows and its chapter 99 "not specified" codes (not part of the HS), Roman section
numbers in one file and ``01``–``21`` in the other, and Russian names in upper case.
"""

import csv
import datetime
import itertools
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import UnknownLocaleError
from babel.numbers import get_currency_name

DATA_DIR = Path(__file__).resolve().parent / "data"

ROMAN = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
    "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20,
    "XXI": 21,
}  # fmt: skip
ROMAN_BY_NUMBER = {number: roman for roman, number in ROMAN.items()}

# Latin words kept upper case in Russian names (abbreviations used as such in the ТН ВЭД text).
_LATIN_KEEP_UPPER = {"LED", "OSB", "L"}
_LATIN_WORD = re.compile(r"[A-Za-z]+\.?")


def read_csv(name: str) -> list[dict]:
    """Rows of a data file as dicts; ``utf-8-sig`` drops the BOM some sources start with."""
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sentence_case_ru(text: str) -> str:
    """Turn an upper-case ТН ВЭД name into sentence case, the way the printed nomenclature reads.

    Cyrillic is lowered and the first letter raised; Latin botanical and zoological names keep a
    capital genus and a lower-case species ("Gallus domesticus", "Cichorium spp."), and the
    abbreviations LED, OSB and "L." (Linnaeus) stay as they are. Doubled spaces are collapsed.
    """
    text = " ".join(text.split())
    lowered = text.lower()
    result = []
    previous_latin_end = None
    position = 0
    for match in _LATIN_WORD.finditer(text):
        result.append(lowered[position : match.start()])
        word = match.group()
        bare = word.rstrip(".")
        between = text[previous_latin_end : match.start()] if previous_latin_end is not None else None
        follows_latin = between is not None and between.strip() == ""
        if bare in _LATIN_KEEP_UPPER:
            result.append(word)
        elif follows_latin or bare.upper() in {"SPP", "TURF"}:
            result.append(word.lower())
        else:
            result.append(word.capitalize())
        previous_latin_end = match.end()
        position = match.end()
    result.append(lowered[position:])
    sentence = "".join(result)
    return sentence[:1].upper() + sentence[1:]


def capitalize_first(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


_LOWER_CYRILLIC = re.compile(r"[а-яё]")


def sentence_case_ru_composed(text: str) -> str:
    """Sentence case for a ТН ВЭД subheading name composed as ``HEADING: parent: own text``.

    The heading part is upper case in the source (and may itself hold a colon: "… ДВА ИЛИ ТРИ
    ПИТАТЕЛЬНЫХ ЭЛЕМЕНТА: АЗОТ, ФОСФОР И КАЛИЙ; …"); it is the longest prefix before ": " without
    a lower-case Cyrillic letter and is put in sentence case like a heading. The rest is already in
    the nomenclature's own case ("ДДТ (ISO)", "п-хлорфенил") and is kept. A name without such a
    prefix is treated as a whole: sentence case when it is all upper case, else its first letter raised.
    """
    text = " ".join(text.split())
    if not _LOWER_CYRILLIC.search(text):
        return sentence_case_ru(text)  # a heading, or a name all in upper case
    split = -1
    for match in re.finditer(": ", text):
        if _LOWER_CYRILLIC.search(text[: match.start()]):
            break
        split = match.start()
    if split < 0:
        return capitalize_first(text)
    return sentence_case_ru(text[:split]) + ": " + text[split + 2 :]


@cache
def _ru_section_names() -> dict[int, str]:
    names = {}
    for row in read_csv("hs-ru.csv"):
        code = row["code"].strip()
        if row["level"] == "section" and code.isdigit() and 1 <= int(code) <= 21:
            names[int(code)] = sentence_case_ru(row["name_ru"])  # also a stray "FIFA2018" row 22
    return names


@cache
def _ru_official_names() -> dict[str, str]:
    """Chapter, heading and subheading names of the EAEU nomenclature, keyed by HS 2022 code."""
    return {
        row["code"].strip(): sentence_case_ru_composed(row["name"])
        for row in read_csv("hs2022-ru-full.csv")
        if row["name"].strip()
    }


@cache
def _zh_names() -> dict:
    names = {}
    for row in read_csv("hs-zh.csv"):
        key = int(row["code"]) if row["level"] == "section" else row["code"]
        names[(row["level"], key)] = row["name_zh_hans"].strip()
    return names


PLATFORM_NAMES = "hs-names-platform.csv"


@cache
def platform_names() -> dict[str, dict[str, str]]:
    """Names written for SCO TEMP per code (``hs-names-platform.csv``: code,name_zh_hans,name_ru;
    empty cells mean "no platform name"): {"0103": {"zh_hans": "活猪", "ru": ""}, …}."""
    if not (DATA_DIR / PLATFORM_NAMES).exists():
        return {}
    names = {}
    for row in read_csv(PLATFORM_NAMES):
        code = (row.get("code") or "").strip()
        if code.isdigit():
            names[code] = {
                "zh_hans": " ".join((row.get("name_zh_hans") or "").split()),
                "ru": capitalize_first(row.get("name_ru") or ""),
            }
    return names


def _pick(*candidates: tuple[str, str]) -> tuple[str, str]:
    """The first non-empty (name, source) of the candidates, or ("", "")."""
    for name, source in candidates:
        if name:
            return name, source
    return "", ""


def hs_section_rows() -> list[dict]:
    ru, zh = _ru_section_names(), _zh_names()
    rows = []
    for row in read_csv("hs2022-sections-en.csv"):
        number = ROMAN[row["section"].strip()]
        name_ru = ru.get(number, "")
        name_zh = zh.get(("section", number), "")
        rows.append(
            {
                "number": number,
                "roman": row["section"].strip(),
                "name_en": capitalize_first(row["name"]),
                "name_ru": name_ru,
                "name_zh_hans": name_zh,
                "ru_source": OFFICIAL if name_ru else "",
                "zh_hans_source": PLATFORM if name_zh else "",
            }
        )
    return rows


_LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading"}
OFFICIAL, PLATFORM = "official", "platform"  # scotemp.reference.choices.NameSource values


def hs_code_rows() -> list[dict]:
    """Chapters, headings and subheadings of HS 2022, parents before children, with the source of
    each translated name: Russian from the platform's file where it gives one (the official name is
    missing or says only "прочие"), else the EAEU nomenclature; Chinese from ``hs-zh.csv``, else the
    platform's file (both written for SCO TEMP)."""
    ru_official, zh, platform = _ru_official_names(), _zh_names(), platform_names()
    rows = []
    for row in read_csv("hs2022-en.csv"):
        section, code = row["section"].strip(), row["hscode"].strip()
        if section not in ROMAN or not code.isdigit():
            continue  # UN Comtrade's TOTAL row and its chapter 99 "not specified" codes
        level = int(row["level"])
        own = platform.get(code, {})
        name_ru, ru_source = _pick((own.get("ru", ""), PLATFORM), (ru_official.get(code, ""), OFFICIAL))
        name_zh, zh_source = _pick(
            (zh.get((_LEVEL_NAMES[level], code), ""), PLATFORM), (own.get("zh_hans", ""), PLATFORM)
        )
        rows.append(
            {
                "code": code,
                "level": level,
                "parent_id": None if level == 2 else row["parent"].strip(),
                "section_id": ROMAN[section],
                "description_en": capitalize_first(row["description"]),
                "description_ru": name_ru,
                "description_zh_hans": name_zh,
                "ru_source": ru_source,
                "zh_hans_source": zh_source,
            }
        )
    rows.sort(key=lambda r: (r["level"], r["code"]))
    return rows


@cache
def hs_search_term_rows() -> list[dict]:
    """Everyday names of goods that the nomenclature does not use (``hs-search-terms.csv``: term,
    language, code), for the HS picker: {"term": "smartphone", "language": "en", "code": "851713"}."""
    return [
        {"term": row["term"].strip(), "language": row["language"].strip(), "code": row["code"].strip()}
        for row in read_csv("hs-search-terms.csv")
        if row["term"].strip() and row["code"].strip().isdigit()
    ]


def _babel_currency_name(code: str, locale: str) -> str:
    try:
        name = get_currency_name(code, locale=locale)
    except UnknownLocaleError:  # pragma: no cover - the locales are fixed
        return ""
    return "" if name == code else name


# CLDR (Babel 2.19) has no Chinese or Russian name for the Venezuelan digital bolívar, in ISO 4217
# since 2021; the names are those of the Central Bank of Venezuela's currency as written in Chinese
# and Russian financial news. Written for SCO TEMP.
CURRENCY_NAME_FIXES = {"VED": {"name_zh_hans": "委内瑞拉数字玻利瓦尔", "name_ru": "Цифровой боливар"}}


def currency_rows() -> list[dict]:
    """ISO 4217 currencies in use (no withdrawal date); names in zh/ru from Babel's CLDR data."""
    rows = {}
    for row in read_csv("currency-codes.csv"):
        code = row["AlphabeticCode"].strip()
        if not code or row["WithdrawalDate"].strip() or code in rows:
            continue
        minor = row["MinorUnit"].strip()
        rows[code] = {
            "code": code,
            "numeric": row["NumericCode"].strip().zfill(3) if row["NumericCode"].strip() else "",
            "name_en": row["Currency"].strip(),
            "name_zh_hans": _babel_currency_name(code, "zh_Hans_CN"),
            "name_ru": capitalize_first(_babel_currency_name(code, "ru_RU")),
            "minor_units": int(minor) if minor.isdigit() else None,
        }
        rows[code].update(CURRENCY_NAME_FIXES.get(code, {}))
    return sorted(rows.values(), key=lambda r: r["code"])


def country_rows(currency_codes: set[str]) -> list[dict]:
    """Every ISO 3166 country with its UN official names; fixes from country-names-fixes.csv."""
    fixes = {row["iso2"]: row for row in read_csv("country-names-fixes.csv")}
    rows = []
    for row in read_csv("country-codes.csv"):
        iso2, iso3 = row["ISO3166-1-Alpha-2"].strip(), row["ISO3166-1-Alpha-3"].strip()
        if len(iso2) != 2 or len(iso3) != 3:
            continue
        fix = fixes.get(iso2, {})
        currency = fix.get("currency") or row["ISO4217-currency_alphabetic_code"].split(",")[0].strip()
        rows.append(
            {
                "iso2": iso2,
                "iso3": iso3,
                "numeric": row["ISO3166-1-numeric"].strip().zfill(3),
                "name_en": fix.get("name_en") or row["official_name_en"].strip(),
                "name_zh_hans": fix.get("name_zh_hans") or row["official_name_cn"].strip(),
                "name_ru": fix.get("name_ru") or row["official_name_ru"].strip(),
                "currency_id": currency if currency in currency_codes else None,
            }
        )
    return sorted(rows, key=lambda r: r["iso2"])


def sco_status_rows() -> list[dict]:
    """SCO status periods; a period ends (exclusive) on the day the country's next one starts."""
    by_country: dict[str, list[dict]] = {}
    for row in read_csv("sco-status.csv"):
        by_country.setdefault(row["iso2"].strip(), []).append(
            {
                "country_id": row["iso2"].strip(),
                "status": row["status"].strip(),
                "start": _date(row["start"]),
                "end": None,
                "note_en": row["source_note"].strip(),
                "note_ru": row["source_note_ru"].strip(),
                "note_zh_hans": row["source_note_zh_hans"].strip(),
            }
        )
    rows = []
    for periods in by_country.values():
        periods.sort(key=lambda p: p["start"])
        for current, following in itertools.pairwise(periods):
            current["end"] = following["start"]
        rows.extend(periods)
    return rows


def incoterm_rows() -> tuple[list[dict], list[dict]]:
    """(Incoterms 2020 rules, withdrawn rules with the 2020 rule that replaces them)."""
    current, retired = [], []
    for row in read_csv("incoterms.csv"):
        names = {key: row[key].strip() for key in ("name_en", "name_zh_hans", "name_ru")}
        if row["retired_in"].strip():
            retired.append(
                {
                    "code": row["code"],
                    **names,
                    "retired_in": int(row["retired_in"]),
                    "replaced_by_id": row["replaced_by"].strip(),
                }
            )
        else:
            current.append(
                {
                    "code": row["code"],
                    **names,
                    "transport_mode": row["transport_mode"].strip(),
                    "position": int(row["position"]),
                }
            )
    return current, retired


def unit_rows() -> list[dict]:
    return [
        {
            "code": row["code"].strip(),
            "name_en": row["name_en"].strip(),
            "name_zh_hans": row["name_zh_hans"].strip(),
            "name_ru": row["name_ru"].strip(),
            "symbol": row["symbol"].strip(),
        }
        for row in read_csv("units.csv")
    ]


UNLOCODE_FILE = "unlocode-sco-region.csv"
# UN/LOCODE function column: position 1 port, 2 rail, 3 road, 4 airport, B border crossing
# (5 postal office, 6 multimodal, 7 fixed transport, 0 unknown have no counterpart here).
_UNLOCODE_FUNCTIONS = {"1": "port", "2": "rail", "3": "road", "4": "airport", "B": "border"}
_FUNCTION_CODE = re.compile(r"[0-9A-Z-]{8}")
_COORDINATES = re.compile(r"(\d{2})(\d{2})([NS]) (\d{3})(\d{2})([EW])")
_DEGREE = Decimal("0.00001")
_QUOTES = ' "'


def unlocode_coordinates(text: str) -> tuple[Decimal | None, Decimal | None]:
    """UN/LOCODE's degrees and minutes ("4339N 05109E") as decimal degrees (43.65, 51.15);
    (None, None) when empty or malformed."""
    match = _COORDINATES.fullmatch((text or "").strip())
    if match is None:
        return None, None
    lat_deg, lat_min, ns, lon_deg, lon_min, ew = match.groups()
    latitude = (Decimal(lat_deg) + Decimal(lat_min) / 60).quantize(_DEGREE)
    longitude = (Decimal(lon_deg) + Decimal(lon_min) / 60).quantize(_DEGREE)
    return (-latitude if ns == "S" else latitude), (-longitude if ew == "W" else longitude)


def location_search_text(*parts: str) -> str:
    """What a place is found by: its code and every name, normalized as queries are."""
    from scotemp.core.text import normalize

    return " | ".join(normalize(part) for part in dict.fromkeys(p for p in parts if p))


def _unlocode_row(row: dict) -> dict:
    name, ascii_name = row["name"].strip(), row["name_ascii"].strip()
    subdivision, function = row["subdivision"].strip(), row["function"].strip()
    coordinates = row["coordinates"]
    if not _FUNCTION_CODE.fullmatch(function):
        # 49 rows of the export split a name holding a comma ("Anxi, Quanzhou") over two columns
        # and shifted the rest: the subdivision sits in the function column, no function or
        # coordinates are left.
        name = ascii_name = f"{name.strip(_QUOTES)}, {ascii_name.strip(_QUOTES)}"
        subdivision, function, coordinates = function if len(function) <= 3 else "", "", ""
    latitude, longitude = unlocode_coordinates(coordinates)
    return {
        "locode": row["locode"].strip(),
        "country_id": row["country"].strip(),
        "name_en": name,
        "name_zh_hans": "",
        "name_ru": "",
        "name_ascii": ascii_name,
        "subdivision": subdivision,
        "latitude": latitude,
        "longitude": longitude,
        "functions": [_UNLOCODE_FUNCTIONS[c] for c in function if c in _UNLOCODE_FUNCTIONS],
        "curated": False,
    }


def location_rows(country_codes: set[str] | None = None, curated_only: bool = False) -> list[dict]:
    """The UN/LOCODE places of the SCO region and the main hubs, overlaid by the curated
    ``locations.csv`` (names in Chinese and Russian, checked coordinates and functions), which wins
    where both have a code. Places of a country not in ``country_codes`` are left out.

    The files are read once per process (the test suite reloads the tables after each
    transactional test); each call returns fresh dicts."""
    return [
        dict(place)
        for place in _location_table()
        if (country_codes is None or place["country_id"] in country_codes)
        and (place["curated"] or not curated_only)
    ]


@cache
def _location_table() -> tuple[dict, ...]:
    rows = {}
    for row in read_csv(UNLOCODE_FILE):
        place = _unlocode_row(row)
        rows[place["locode"]] = place
    for row in read_csv("locations.csv"):
        locode = row["locode"].strip()
        listed = rows.get(locode, {})
        rows[locode] = {
            "locode": locode,
            "country_id": row["country"].strip(),
            "name_en": row["name_en"].strip(),
            "name_zh_hans": row["name_zh_hans"].strip(),
            "name_ru": row["name_ru"].strip(),
            "name_ascii": listed.get("name_ascii", ""),
            "subdivision": listed.get("subdivision", ""),
            "latitude": Decimal(row["latitude"]).quantize(_DEGREE),
            "longitude": Decimal(row["longitude"]).quantize(_DEGREE),
            "functions": [f for f in row["functions"].split("|") if f],
            "curated": True,
            "listed_name": listed.get("name_en", ""),  # UN/LOCODE's own spelling, searched too
        }
    result = []
    for place in rows.values():
        place["search_text"] = location_search_text(
            place["locode"],
            place["name_en"],
            place["name_ascii"],
            place.pop("listed_name", ""),
            place["name_ru"],
            place["name_zh_hans"],
        )
        result.append(place)
    result.sort(key=lambda r: r["locode"])
    return tuple(result)


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value.strip())
