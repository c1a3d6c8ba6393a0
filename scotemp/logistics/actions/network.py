"""Writes of the corridor network: loading the shipped figures from ``data/`` and the operator's CSV
import of legs.

The rules that turn the shipped files into rows (how a code status, a leg's confidence, a corridor's
"partial" and the default CO₂ factor per mode are decided) are written out in ``data/PROVENANCE.md``
("Network rows") and implemented here, one function each."""

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import Confidence, Mode, NodeCodeStatus
from ..models import Co2Factor, Corridor, Leg, Node
from ..queries.routes.graph import VERSION_KEY

DATA = Path(__file__).resolve().parent.parent / "data"

CODE_STATUS = {
    "verified_2015_pkg": NodeCodeStatus.UNLOCODE,
    "unverified": NodeCodeStatus.UNLOCODE_UNVERIFIED,
    "provisional_id": NodeCodeStatus.PLATFORM,
}
YES_NO = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False, "": False}
DATE_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)(?:-(\d\d))?(?:-(\d\d))?\b")
MAX_DAYS = Decimal(365)
MAX_KM = 40_000


def network_changed() -> None:
    """Tells every process that the network changed: the route planner rebuilds its graph on its
    next request (it compares this stamp with the one it was built from)."""
    import uuid

    from ..queries.routes.graph import forget

    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    forget()


def _changed() -> None:
    """A new stamp now (this process sees its own change at once) and again once committed (so no
    process keeps a copy built between the two from the rows before the change)."""
    network_changed()
    transaction.on_commit(network_changed)


def _read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", "")
    return Decimal(text) if text else None


def date_in(text: str) -> str:
    """The first date written in a source text (2025-07-01, 2025-07 or 2025), "" when none."""
    match = DATE_IN_TEXT.search(text or "")
    return "-".join(part for part in match.groups() if part) if match else ""


def leg_confidence(source: str) -> str:
    """How far a leg's figures can be trusted, read from its source text (legs.csv has no
    confidence column): no source → unverified; "derived: …" → derived; a proxy (a figure of
    another city or route) → proxy; "general: …" (general knowledge, no citation) → unverified;
    a cited source with a date → reported; anything else → unverified."""
    text = (source or "").strip().lower()
    if not text or text.startswith("general"):
        return Confidence.UNVERIFIED
    if text.startswith("derived"):
        return Confidence.DERIVED
    if "proxy" in text:
        return Confidence.PROXY
    if date_in(text):
        return Confidence.REPORTED
    return Confidence.UNVERIFIED


def corridor_confidence(value: str, has_figures: bool) -> str:
    """corridors.csv confidence → ours: reported, proxy and derived as they are; "partial" (the
    corridor exists in the sources but its end-to-end figures were not all found) → derived when
    the row still carries a distance or transit figure, else unverified."""
    value = (value or "").strip().lower()
    if value in {Confidence.REPORTED, Confidence.PROXY, Confidence.DERIVED}:
        return value
    if value == "partial" and has_figures:
        return Confidence.DERIVED
    return Confidence.UNVERIFIED


def co2_confidence(value: str) -> str:
    """co2_factors.csv: "reported" and "reported (old)" → reported (the age is kept in the notes);
    "missing" and anything else → unverified."""
    return (
        Confidence.REPORTED if (value or "").strip().lower().startswith("reported") else Confidence.UNVERIFIED
    )


def _is_border(row: dict, location) -> bool:
    """A border point: so marked in the reference data, or "border"/"opposite …" in its row."""
    text = f"{row['name_en']} {row['notes']}".lower()
    return (location is not None and "border" in location.functions) or "border" in text or "opposite" in text


def _load_nodes() -> int:
    from scotemp.reference.models import Location

    extra = {row["node_id"]: row for row in _read("node-places.csv")}
    rows = _read("nodes.csv")
    locations = Location.objects.in_bulk([row["node_id"] for row in rows])
    count = 0
    for row in rows:
        code = row["node_id"]
        status = CODE_STATUS[row["locode_status"]]
        more = extra.get(code, {})
        location = locations.get(code) if status != NodeCodeStatus.PLATFORM else None
        curated = location is not None and location.curated
        if location is not None and location.latitude is not None:
            lat, lon = location.latitude, location.longitude
            coordinates_source = f"reference.Location {code}"
        else:
            lat, lon = _decimal(more.get("latitude")), _decimal(more.get("longitude"))
            coordinates_source = more.get("coordinates_source", "") if lat is not None else ""
        name_en = row["name_en"]
        name_ru = (location.name_ru if curated else "") or more.get("name_ru", "")
        name_zh = (location.name_zh_hans if curated else "") or more.get("name_zh_hans", "")
        Node.objects.update_or_create(
            code=code,
            defaults={
                "code_status": status,
                "location": location,
                "country_id": row["country"],
                "name": name_en,
                "name_en": name_en,
                "name_ru": name_ru,
                "name_zh_hans": name_zh,
                "latitude": lat,
                "longitude": lon,
                "coordinates_source": coordinates_source,
                "is_border_crossing": _is_border(row, location),
                "notes": row["notes"],
            },
        )
        count += 1
    return count


def _load_legs() -> int:
    count = 0
    for row in _read("legs.csv"):
        _save_leg(_clean_leg(row, line=0, nodes=None))
        count += 1
    return count


def _save_leg(values: dict) -> Leg:
    leg, _created = Leg.objects.update_or_create(
        origin_id=values.pop("origin"),
        destination_id=values.pop("destination"),
        mode=values.pop("mode"),
        defaults=values,
    )
    return leg


def _load_corridors() -> int:
    count = 0
    for row in _read("corridors.csv"):
        distance = _decimal(row["distance_km"])
        days_min, days_max = _decimal(row["transit_days_min"]), _decimal(row["transit_days_max"])
        has_figures = any(value is not None for value in (distance, days_min, days_max))
        Corridor.objects.update_or_create(
            code=row["corridor_id"],
            defaults={
                "name": row["name_en"],
                "name_en": row["name_en"],
                "name_ru": row["name_ru"],
                "name_zh_hans": row["name_zh"],
                "mode": row["mode"],
                "origin_id": row["from_locode"],
                "destination_id": row["to_locode"],
                "via": [code for code in row["via_locodes"].split(";") if code],
                "distance_km": int(distance) if distance is not None else None,
                "days_min": days_min,
                "days_max": days_max,
                "frequency_per_week": row["frequency_per_week"],
                "source": row["source"],
                "source_date": row["source_date"],
                "confidence": corridor_confidence(row["confidence"], has_figures),
                "notes": row["notes"],
            },
        )
        count += 1
    return count


def _per_tonne_km(unit: str) -> bool:
    return "per tonne-km" in unit


def _load_co2_factors() -> int:
    rows = _read("co2_factors.csv")
    # One default per mode: the most recent reported value given per tonne-km (a per-TEU-km factor
    # cannot be multiplied by a weight); on equal dates the first listed. No value, no default.
    defaults = {}
    for index, row in enumerate(rows):
        if (
            not row["value"]
            or not _per_tonne_km(row["unit"])
            or co2_confidence(row["confidence"]) != Confidence.REPORTED
        ):
            continue
        key = (row["source_date"], -index)
        if row["mode"] not in defaults or key > defaults[row["mode"]][0]:
            defaults[row["mode"]] = (key, row["subtype"])
    Co2Factor.objects.filter(is_default=True).update(is_default=False)
    for row in rows:
        notes = row["notes"]
        if "old" in row["confidence"]:
            notes = f"{row['confidence']}; {notes}" if notes else row["confidence"]
        Co2Factor.objects.update_or_create(
            mode=row["mode"],
            subtype=row["subtype"],
            defaults={
                "value": _decimal(row["value"]),
                "unit": row["unit"],
                "scope": row["scope"],
                "source": "" if row["source"] == "not found" else row["source"],
                "source_date": row["source_date"],
                "confidence": co2_confidence(row["confidence"]),
                "notes": notes,
                "is_default": defaults.get(row["mode"], (None, None))[1] == row["subtype"],
            },
        )
    return len(rows)


def load_network(stdout=None, verbosity: int = 1) -> dict:
    """Loads places, legs, corridors and CO₂ factors from ``data/`` (idempotent: rows are matched on
    their natural keys and updated in place)."""
    with transaction.atomic():
        counts = {
            "logistics.Node": _load_nodes(),
            "logistics.Leg": _load_legs(),
            "logistics.Corridor": _load_corridors(),
            "logistics.Co2Factor": _load_co2_factors(),
        }
        _changed()
    if stdout is not None and verbosity:
        for table, count in counts.items():
            stdout.write(f"{table}: {count}")
    return counts


# ---- The operator's CSV import of legs ------------------------------------------------------------

LEG_COLUMNS = [
    "from",
    "to",
    "mode",
    "distance_km",
    "days_min",
    "days_max",
    "gauge_change",
    "border_crossing",
    "source",
]


def _row_error(line: int, field: str, message: str) -> ValidationError:
    return ValidationError(
        _("Row %(row)d, column “%(field)s”: %(message)s") % {"row": line, "field": field, "message": message}
    )


def _clean_leg(row: dict, line: int, nodes: set | None) -> dict:
    """A legs.csv row as Leg field values; a bad value raises a ValidationError naming the row
    (``line``, counting the header as row 1) and the column."""

    def cell(name):
        return (row.get(name) or "").strip()

    values = {}
    for field in ("from", "to"):
        code = cell(field).upper()
        if not code:
            raise _row_error(line, field, _("a place code is required."))
        if nodes is not None and code not in nodes:
            raise _row_error(line, field, _("“%(code)s” is not a place of the network.") % {"code": code})
        values["origin" if field == "from" else "destination"] = code
    if values["origin"] == values["destination"]:
        raise _row_error(line, "to", _("a leg must join two different places."))
    mode = cell("mode").lower()
    if mode not in Mode.values:
        raise _row_error(
            line,
            "mode",
            _("“%(value)s” is not a mode; use one of %(choices)s.")
            % {"value": mode, "choices": ", ".join(Mode.values)},
        )
    values["mode"] = mode
    for field, limit in (("distance_km", MAX_KM), ("days_min", MAX_DAYS), ("days_max", MAX_DAYS)):
        try:
            number = _decimal(cell(field))
        except InvalidOperation:
            raise _row_error(
                line, field, _("“%(value)s” is not a number.") % {"value": cell(field)}
            ) from None
        if number is not None and (number < 0 or number > limit or not number.is_finite()):
            raise _row_error(
                line, field, _("%(value)s is outside 0 to %(max)s.") % {"value": number, "max": limit}
            )
        if field == "distance_km" and number is not None:
            number = int(number)
        values[field] = number
    if (
        values["days_min"] is not None
        and values["days_max"] is not None
        and values["days_min"] > values["days_max"]
    ):
        raise _row_error(line, "days_max", _("the longest transit cannot be shorter than the shortest."))
    for field in ("gauge_change", "border_crossing"):
        flag = cell(field).lower()
        if flag not in YES_NO:
            raise _row_error(line, field, _("write yes or no."))
        values[field] = YES_NO[flag]
    source = cell("source")
    values["source"] = source
    values["source_date"] = cell("source_date") or date_in(source)
    confidence = cell("confidence").lower()
    if confidence and confidence not in Confidence.values:
        raise _row_error(
            line,
            "confidence",
            _("“%(value)s” is not a confidence; use one of %(choices)s.")
            % {"value": confidence, "choices": ", ".join(Confidence.values)},
        )
    values["confidence"] = confidence or leg_confidence(source)
    values["notes"] = cell("notes")
    return values


def import_legs(text: str) -> int:
    """Adds or updates the legs of a CSV text with the columns of ``data/legs.csv`` (``confidence``
    and ``source_date`` optional: read from the source text when absent). Every row is checked
    before anything is written: one bad row refuses the whole file with an error per bad row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in LEG_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    nodes = set(Node.objects.values_list("code", flat=True))
    cleaned, errors = [], []
    for line, row in enumerate(reader, start=2):
        try:
            cleaned.append(_clean_leg(row, line, nodes))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("The file has no rows."))
    with transaction.atomic():
        for values in cleaned:
            _save_leg(values)
        _changed()
    return len(cleaned)
