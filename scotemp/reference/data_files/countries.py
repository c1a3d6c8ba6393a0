"""Currencies, countries and their SCO status history, Incoterms rules and units."""

import itertools

from babel import UnknownLocaleError
from babel.numbers import get_currency_name

from .common import _date, capitalize_first, read_csv


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
