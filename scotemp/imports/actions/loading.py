"""Loads China's import requirements from ``data/requirements.csv`` (sources in ``data/PROVENANCE.md``):
called by ``manage.py load_reference`` through :meth:`ImportsConfig.load_reference_data`.

Every row is checked before anything is written: one bad row refuses the whole file with an error
naming the row (the header is row 1) and the column. New keys are added, rows the file loaded before
are updated, rows the operator has edited since are left as they are. Idempotent."""

import csv
import datetime
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..choices import HS_SCOPE, Authority, Confidence, RequirementKind
from ..models import ImportRequirement

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "requirements.csv"
COLUMNS = (
    "key",
    "hs_scope",
    "kind",
    "authority",
    "summary_en",
    "summary_zh_hans",
    "summary_ru",
    "legal_reference_en",
    "legal_reference_zh_hans",
    "legal_reference_ru",
    "source_url",
    "checked_on",
    "confidence",
)
REQUIRED = (
    "key",
    "hs_scope",
    "kind",
    "authority",
    "summary_en",
    "summary_zh_hans",
    "summary_ru",
    "confidence",
)


def _row_error(line: int, field: str, message: str) -> ValidationError:
    return ValidationError(
        _("Row %(row)d, column “%(field)s”: %(message)s") % {"row": line, "field": field, "message": message},
        code="invalid",
    )


def _choice(choices, value: str, line: int, field: str) -> str:
    if value not in choices.values:
        raise _row_error(
            line,
            field,
            _("“%(value)s” is not one of %(choices)s.")
            % {"value": value, "choices": ", ".join(choices.values)},
        )
    return value


def clean_row(row: dict, line: int) -> dict:
    """A CSV row as ImportRequirement field values; a bad cell raises a ValidationError naming the row
    and the column."""

    def cell(name):
        return (row.get(name) or "").strip()

    for name in REQUIRED:
        if not cell(name):
            raise _row_error(line, name, _("a value is required."))
    values = {name: cell(name) for name in COLUMNS}
    if slugify(values["key"]) != values["key"]:
        raise _row_error(line, "key", _("use lower-case letters, digits and hyphens only."))
    scope = values["hs_scope"].replace(" ", "").replace(".", "")
    if not HS_SCOPE.match(scope):
        raise _row_error(
            line,
            "hs_scope",
            _("“%(value)s” is not an HS chapter, heading or subheading.") % {"value": values["hs_scope"]},
        )
    values["hs_scope"] = scope
    values["kind"] = _choice(RequirementKind, values["kind"], line, "kind")
    values["authority"] = _choice(Authority, values["authority"], line, "authority")
    values["confidence"] = _choice(Confidence, values["confidence"], line, "confidence")
    if values["source_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["source_url"])
        except ValidationError:
            raise _row_error(
                line, "source_url", _("“%(value)s” is not a web address.") % {"value": values["source_url"]}
            ) from None
    if values["checked_on"]:
        try:
            values["checked_on"] = datetime.date.fromisoformat(values["checked_on"])
        except ValueError:
            raise _row_error(
                line,
                "checked_on",
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": values["checked_on"]},
            ) from None
    else:
        values["checked_on"] = None
    if values["confidence"] == Confidence.VERIFIED and not (values["source_url"] and values["checked_on"]):
        raise _row_error(
            line, "confidence", _("a verified row needs its source and the date it was checked.")
        )
    values["summary"] = values["summary_en"]
    values["legal_reference"] = values["legal_reference_en"]
    return values


def read_requirements(text: str) -> list[dict]:
    """Every row of a requirements CSV, checked; the first bad row raises (nothing is returned)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise _row_error(1, missing[0], _("the column is missing."))
    rows, seen = [], {}
    for line, row in enumerate(reader, start=2):
        values = clean_row(row, line)
        if values["key"] in seen:
            raise _row_error(
                line,
                "key",
                _("“%(value)s” is already used in row %(other)d.")
                % {"value": values["key"], "other": seen[values["key"]]},
            )
        seen[values["key"]] = line
        rows.append(values)
    return rows


def load_requirements(text: str) -> dict:
    """Check every row, then write them all in one transaction. Returns the counts."""
    rows = read_requirements(text)
    counts = {"requirements added": 0, "requirements updated": 0, "requirements kept (edited)": 0}
    with transaction.atomic():
        existing = ImportRequirement.objects.in_bulk([r["key"] for r in rows], field_name="key")
        for values in rows:
            current = existing.get(values["key"])
            if current is None:
                ImportRequirement.objects.create(**values)
                counts["requirements added"] += 1
            elif current.operator_edited:
                counts["requirements kept (edited)"] += 1
            else:
                changed = [f for f, v in values.items() if getattr(current, f) != v]
                if changed:
                    for field in changed:
                        setattr(current, field, values[field])
                    current.save()
                    counts["requirements updated"] += 1
    return counts


def load_imports_reference(stdout=None, verbosity: int = 1) -> dict:
    counts = load_requirements(DATA_FILE.read_text(encoding="utf-8"))
    if stdout is not None and verbosity >= 1:
        stdout.write("Import requirements: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return counts
