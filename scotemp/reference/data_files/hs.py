"""The HS 2022 nomenclature: sections, chapters, headings and subheadings with their names in three
languages and where each name comes from, and the everyday search terms."""

from functools import cache

from .common import DATA_DIR, ROMAN, capitalize_first, read_csv, sentence_case_ru, sentence_case_ru_composed


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
