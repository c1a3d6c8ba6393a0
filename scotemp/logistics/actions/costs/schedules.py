"""Loading and importing the schedules: customs unions, duty rates, VAT rates.

Files have the columns of ``data/tariffs-sample.csv`` and ``data/vat.csv`` (see ``data/PROVENANCE.md``);
an operator's VAT file may add ``hs_prefix`` and ``description`` columns: a row with a prefix is a
reduced rate for that HS prefix. Rows are matched on (jurisdiction, prefix, quota, valid from) and
(country, [prefix,] valid from): importing the same file twice changes nothing."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.reference.models import Country, Currency, Unit

from ...choices.costs import RateConfidence
from ...models.costs import CustomsUnion, CustomsUnionMember, DutyRate, VatRate, VatReducedRate
from .parsing import (
    RateError,
    ScheduleError,
    number,
    parse_confidence,
    parse_hs_prefix,
    parse_rates,
    parse_validity,
)

DATA = Path(__file__).resolve().parents[2] / "data"
TARIFF_COLUMNS = ("hs_code", "mfn_rate", "source")
VAT_COLUMNS = ("iso2", "standard_rate_pct", "source")

# Reduced VAT rates by HS prefix for the shipped sample, only where the source names the goods:
# China's 9% list names grains; HS chapter 10 (cereals) is the project's reading of "grains" (the
# GACC 8-digit list is not loaded), hence "approximate".
SHIPPED_REDUCED = [
    ("CN", "10", "9", "Cereals (HS chapter 10): the “grains” of China's 9% list",
     "the source lists grains at 9%; the chapter is the project's reading; "
     "the GACC 8-digit list is not loaded"),
]  # fmt: skip


def _read(path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [(reader.line_num, row) for row in reader]
            return list(reader.fieldnames or []), rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ScheduleError([(0, "file", str(exc))]) from None


def _require(columns, required, path):
    missing = [c for c in required if c not in columns]
    if missing:
        raise ScheduleError(
            [(1, "header", _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})]
        )


def _jurisdictions() -> set[str]:
    return set(Country.objects.values_list("iso2", flat=True)) | set(
        CustomsUnion.objects.values_list("code", flat=True)
    )


def read_tariffs(path, jurisdiction: str | None = None) -> list[DutyRate]:
    """Duty rows of a file, checked; ``jurisdiction`` fills a blank column and refuses any other."""
    columns, rows = _read(path)
    _require(columns, TARIFF_COLUMNS + (() if jurisdiction else ("jurisdiction",)), path)
    currencies = set(Currency.objects.values_list("code", flat=True))
    units = set(Unit.objects.values_list("code", flat=True))
    known = _jurisdictions()
    errors, result, seen = [], [], {}
    for line, row in rows:
        row = {k: (v or "").strip() for k, v in row.items() if k}
        where = row.get("jurisdiction") or jurisdiction or ""
        if jurisdiction and where != jurisdiction:
            message = _("“%(value)s” is not %(expected)s, the jurisdiction imported.")
            errors.append((line, "jurisdiction", message % {"value": where, "expected": jurisdiction}))
            continue
        if where not in known:
            message = _("“%(value)s” is neither a country code nor a customs union.")
            errors.append((line, "jurisdiction", message % {"value": where}))
            continue
        values = {}
        for name, parse in (
            ("hs_code", parse_hs_prefix),
            ("year", parse_validity),
            ("confidence", parse_confidence),
        ):
            try:
                values[name] = parse(row.get(name, ""))
            except RateError as exc:
                errors.append((line, name, str(exc)))
        try:
            rates = parse_rates(row.get("mfn_rate", ""), row.get("description", ""), currencies, units)
        except RateError as exc:
            errors.append((line, "mfn_rate", str(exc)))
            continue
        if not row.get("source"):
            errors.append(
                (line, "source", _("Every rate needs its source (write “not found” for a blank one)."))
            )
        if len(values) < 3 or not row.get("source"):
            continue
        valid_from, valid_to, validity_note = values["year"]
        confidence, confidence_note = values["confidence"]
        if row.get("valid_to"):
            try:
                _start, valid_to, _rest = parse_validity(row["valid_to"])
            except RateError as exc:
                errors.append((line, "valid_to", str(exc)))
                continue
        notes = "; ".join(n for n in (row.get("notes", ""), validity_note, confidence_note) if n)
        for rate in rates:
            if not rate.text and rates and confidence == RateConfidence.VERIFIED:
                # A blank is unknown: it cannot be a verified rate.
                confidence = RateConfidence.UNVERIFIED
            key = (where, values["hs_code"], rate.quota, valid_from)
            if key in seen:
                errors.append(
                    (
                        line,
                        "hs_code",
                        _("same code, quota and validity as line %(line)d") % {"line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            result.append(
                DutyRate(
                    jurisdiction=where,
                    hs_prefix=values["hs_code"],
                    description=row.get("description", "")[:300],
                    kind=rate.kind,
                    ad_valorem_pct=rate.ad_valorem_pct,
                    provisional_pct=rate.provisional_pct,
                    specific_amount=rate.specific_amount,
                    specific_currency_id=rate.specific_currency or None,
                    specific_unit_id=rate.specific_unit or None,
                    compound_rule=rate.compound_rule,
                    quota=rate.quota,
                    rate_text=row.get("mfn_rate", "")[:100],
                    valid_from=valid_from,
                    valid_to=valid_to,
                    source=row["source"],
                    source_date=row.get("year", "")[:40],
                    confidence=confidence,
                    notes=notes,
                )
            )
    if errors:
        raise ScheduleError(errors)
    return result


def read_vat(path) -> tuple[list[VatRate], list[VatReducedRate]]:
    columns, rows = _read(path)
    _require(columns, VAT_COLUMNS, path)
    countries = set(Country.objects.values_list("iso2", flat=True))
    errors, standard, reduced = [], [], []
    for line, row in rows:
        row = {k: (v or "").strip() for k, v in row.items() if k}
        iso2 = row.get("iso2", "").upper()
        if iso2 not in countries:
            errors.append((line, "iso2", _("“%(value)s” is not an ISO country code.") % {"value": iso2}))
            continue
        try:
            rate = number(row["standard_rate_pct"]) if row.get("standard_rate_pct") else None
            if rate is not None and rate > 100:
                raise RateError(_("%(value)s%% is not a plausible rate.") % {"value": rate})
        except RateError as exc:
            errors.append((line, "standard_rate_pct", str(exc)))
            continue
        try:
            valid_from, valid_to, validity_note = parse_validity(row.get("effective_from", ""))
        except RateError as exc:
            errors.append((line, "effective_from", str(exc)))
            continue
        try:
            confidence, confidence_note = parse_confidence(row.get("confidence", ""))
        except RateError as exc:
            errors.append((line, "confidence", str(exc)))
            continue
        if not row.get("source"):
            errors.append(
                (
                    line,
                    "source",
                    _("Every rate needs its source (write “not confirmed” for an unsourced one)."),
                )
            )
            continue
        if rate is None or row["source"].lower().startswith(("not found", "not confirmed")):
            confidence = RateConfidence.UNVERIFIED
        notes = "; ".join(n for n in (row.get("notes", ""), validity_note, confidence_note) if n)
        common = dict(
            country_id=iso2, valid_from=valid_from, valid_to=valid_to, source=row["source"],
            source_date=row.get("source_date", "")[:40], confidence=confidence, notes=notes,
        )  # fmt: skip
        if row.get("hs_prefix"):
            try:
                prefix = parse_hs_prefix(row["hs_prefix"])
            except RateError as exc:
                errors.append((line, "hs_prefix", str(exc)))
                continue
            if rate is None:
                errors.append((line, "standard_rate_pct", _("A reduced rate needs its rate.")))
                continue
            reduced.append(
                VatReducedRate(
                    hs_prefix=prefix, rate_pct=rate, description=row.get("description", "")[:300], **common
                )
            )
        else:
            standard.append(
                VatRate(
                    standard_pct=rate,
                    reduced_rates_text=row.get("reduced_rates", "")[:300],
                    applies_to_imports=row.get("applies_to_imports", "")[:100],
                    **common,
                )
            )
    if errors:
        raise ScheduleError(errors)
    return standard, reduced


FIELDS = ("source", "source_date", "confidence", "notes", "valid_to")
DUTY_FIELDS = (
    *FIELDS, "description", "kind", "ad_valorem_pct", "provisional_pct", "specific_amount",
    "specific_currency_id", "specific_unit_id", "compound_rule", "rate_text",
)  # fmt: skip


def _upsert(model, rows, keys, fields) -> int:
    changed = 0
    for row in rows:
        lookup = {k: getattr(row, k) for k in keys}
        _obj, _created = model.objects.update_or_create(
            **lookup, defaults={f: getattr(row, f) for f in fields}
        )
        changed += 1
    return changed


def _write_tariffs(rows) -> int:
    return _upsert(DutyRate, rows, ("jurisdiction", "hs_prefix", "quota", "valid_from"), DUTY_FIELDS)


def _write_vat(standard, reduced) -> int:
    n = _upsert(
        VatRate,
        standard,
        ("country_id", "valid_from"),
        (*FIELDS, "standard_pct", "reduced_rates_text", "applies_to_imports"),
    )
    return n + _upsert(
        VatReducedRate,
        reduced,
        ("country_id", "hs_prefix", "valid_from"),
        (*FIELDS, "rate_pct", "description"),
    )


def load_unions(path=DATA / "customs-unions.csv") -> int:
    _columns, rows = _read(path)
    n = 0
    for _line, row in rows:
        union, _created = CustomsUnion.objects.update_or_create(
            code=row["union"],
            defaults={"name": row["union_name"], "source": row["source"], "source_date": ""},
        )
        CustomsUnionMember.objects.update_or_create(
            union=union, country_id=row["country"],
            defaults={"joined": row["joined"] or None, "left": row["left"] or None, "source": row["source"]},
        )  # fmt: skip
        n += 1
    return n


def _shipped_reduced(standard: list[VatRate]) -> list[VatReducedRate]:
    by_country = {row.country_id: row for row in standard}
    result = []
    for iso2, prefix, rate, description, note in SHIPPED_REDUCED:
        base = by_country.get(iso2)
        if base is None:
            continue
        result.append(
            VatReducedRate(
                country_id=iso2, hs_prefix=prefix, rate_pct=rate, description=description,
                valid_from=base.valid_from, valid_to=base.valid_to, source=base.source,
                source_date=base.source_date, confidence=RateConfidence.APPROXIMATE, notes=note,
            )
        )  # fmt: skip
    return result


def load_schedules(stdout=None, verbosity: int = 1) -> dict:
    """The shipped samples: customs unions, ``tariffs-sample.csv``, ``vat.csv``. Idempotent."""
    with transaction.atomic():
        unions = load_unions()
        tariffs = _write_tariffs(read_tariffs(DATA / "tariffs-sample.csv"))
        standard, reduced = read_vat(DATA / "vat.csv")
        vat = _write_vat(standard, reduced + _shipped_reduced(standard))
    if stdout is not None and verbosity >= 1:
        stdout.write(
            f"Logistics schedules: {unions} customs union members, {tariffs} duty rows, {vat} VAT rows."
        )
    return {"customs_union_members": unions, "duty_rates": tariffs, "vat_rates": vat}


def import_tariffs(path, jurisdiction: str) -> int:
    """An operator's duty schedule for one jurisdiction; all rows or none. Raises :class:`ScheduleError`."""
    rows = read_tariffs(path, jurisdiction=jurisdiction.strip().upper())
    with transaction.atomic():
        return _write_tariffs(rows)


def import_vat(path) -> int:
    """An operator's VAT schedule; all rows or none. Raises :class:`ScheduleError`."""
    standard, reduced = read_vat(path)
    with transaction.atomic():
        return _write_vat(standard, reduced)
