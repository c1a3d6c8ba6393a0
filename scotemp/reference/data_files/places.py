"""Places: the curated locations with Chinese and Russian names, and the UN/LOCODE list of the region."""

import re
from decimal import Decimal
from functools import cache

from .common import read_csv

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
