"""Writes to the reference tables. The only writer is ``load_reference``: users never edit them; the
operator may correct a translated HS name in the admin, and the loader leaves such names alone."""

import sys
import time
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction
from django.utils import translation

from . import data_files
from .choices import NameSource
from .models import (
    Country,
    Currency,
    HSCode,
    HSSection,
    Incoterm,
    Location,
    RetiredIncoterm,
    SCOStatusPeriod,
    Unit,
)

BATCH = 1000


@dataclass
class TableResult:
    label: str
    total: int
    added: int = 0
    changed: int = 0


class _Progress:
    """A progress line per table on stdout ("HS codes 3000/6837"); silent at verbosity 0."""

    def __init__(self, stdout, verbosity: int):
        self.stdout = stdout
        self.verbosity = verbosity
        self.interactive = bool(getattr(getattr(stdout, "_out", stdout), "isatty", lambda: False)())

    def step(self, label: str, done: int, total: int):
        if self.verbosity >= 1 and self.interactive:
            self.stdout.write(f"\r{label} {done}/{total}", ending="")
            self.stdout.flush()

    def done(self, result: TableResult):
        if self.verbosity < 1:
            return
        prefix = "\r\033[K" if self.interactive else ""  # clear the longer progress line
        self.stdout.write(
            f"{prefix}{result.label} {result.total}/{result.total}: "
            f"{result.added} added, {result.changed} changed"
        )


def _operator_corrections(name_field: str):
    """For a model with :class:`~scotemp.reference.models.NameSources`: the fields to leave alone on
    a row (given as its stored values), i.e. the name and its source in each language the operator
    corrected."""

    def kept(values: dict) -> set[str]:
        fields = set()
        for language in ("zh_hans", "ru"):
            if values.get(f"{language}_source") == NameSource.OPERATOR:
                fields |= {f"{name_field}_{language}", f"{language}_source"}
        return fields

    return kept


def _plain(value) -> bool:
    return value is None or isinstance(value, str | int | bool | Decimal)


def _insert(model, rows: list[dict], progress: "_Progress", label: str):
    """Insert rows in batches of plain SQL: no model instances (modeltranslation makes building
    50,000 of them take seconds). Rows must name every column but an automatic primary key."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    names = list(rows[0].keys())
    columns = [fields[name].column for name in names]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    prepare = [
        (name, None if fields[name].get_internal_type() in _PLAIN_TYPES else fields[name]) for name in names
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            params = [
                [
                    row[name]
                    if field is None or _plain(row[name])
                    else field.get_db_prep_save(row[name], connection)
                    for name, field in prepare
                ]
                for row in rows[start : start + BATCH]
            ]
            cursor.executemany(sql, params)
            progress.step(f"{label}: writing", min(start + BATCH, len(rows)), len(rows))


_PLAIN_TYPES = {"CharField", "TextField", "BooleanField", "DecimalField", "PositiveSmallIntegerField"}


def _sync(
    model, rows: list[dict], *, key: tuple[str, ...], label: str, progress: _Progress, keep=None
) -> TableResult:
    """Make the table hold ``rows``: insert missing ones, update differing ones, in bulk.

    Rows already equal are left alone, so a second run writes nothing. Rows in the table but no
    longer in the data are kept (other tables may refer to them). ``keep(values)`` may name fields
    of an existing row that the data must not overwrite (the operator's corrections). Existing rows
    are compared as plain values and new ones inserted with plain SQL, so the 50,000 places load in
    seconds.
    """
    result = TableResult(label=label, total=len(rows))
    fields = [name for name in (rows[0].keys() if rows else []) if name not in key]
    # modeltranslation keeps the original column too; keep it equal to the English value.
    original = sorted({name[: -len("_en")] for name in fields if name.endswith("_en")})
    rows = [{**row, **{name: row[f"{name}_en"] for name in original}} for row in rows]
    existing = {
        tuple(values[k] for k in key): values
        for values in model.objects.values(*key, *fields)  # plain dicts, no model instances
    }
    to_create, to_update = [], []
    for done, row in enumerate(rows, start=1):
        values = existing.get(tuple(row[k] for k in key))
        if values is None:
            to_create.append(row)
        else:
            kept = keep(values) if keep else ()
            if any(values[name] != row[name] for name in fields if name not in kept):
                to_update.append({**row, **{name: values[name] for name in kept}})
        if done % BATCH == 0:
            progress.step(label, done, len(rows))
    if to_create:
        attnames = {field.attname for field in model._meta.concrete_fields if not field.auto_created}
        if attnames <= set(to_create[0]):
            _insert(model, to_create, progress, label)
        else:
            model.objects.bulk_create([model(**row) for row in to_create], batch_size=BATCH)
    if to_update:
        update_fields = [
            model._meta.get_field(name[:-3] if name.endswith("_id") else name).name for name in fields
        ]
        by_key = {tuple(row[k] for k in key): row for row in to_update}
        objects = [
            obj
            for obj in model.objects.filter(**_key_filter(key, by_key))
            if tuple(getattr(obj, k) for k in key) in by_key
        ]
        for obj in objects:
            row = by_key[tuple(getattr(obj, k) for k in key)]
            for name in fields + original:
                obj.__dict__[name] = row[name]
        model.objects.bulk_update(objects, update_fields + original, batch_size=BATCH)
    result.added, result.changed = len(to_create), len(to_update)
    progress.done(result)
    return result


def _key_filter(key: tuple[str, ...], by_key: dict) -> dict:
    if len(key) == 1:
        return {f"{key[0]}__in": [k[0] for k in by_key]}
    return {f"{key[0]}__in": sorted({k[0] for k in by_key})}  # narrowed further in Python


def load_reference(stdout=None, verbosity: int = 1, curated_places_only: bool = False) -> list[TableResult]:
    """Load every reference table from ``scotemp/reference/data`` in one transaction.

    Guarantees: idempotent (a second run adds and changes nothing), atomic (a bad file leaves the
    tables as they were), bulk writes only. Afterwards each installed app config with a
    ``load_reference_data(self, stdout, verbosity)`` method is called, so other apps can add their
    own reference rows (e.g. the committees) without this app importing them.

    ``curated_places_only`` loads only the places of ``locations.csv`` (named in three languages),
    not the 51,000 of the UN/LOCODE list: the test suite uses it to refill the tables after a
    transactional test, which needs no more.
    """
    from django.core.management.base import OutputWrapper

    stdout = stdout or OutputWrapper(sys.stdout)
    progress = _Progress(stdout, verbosity)
    started = time.monotonic()
    results = []
    with translation.override("en"), transaction.atomic():
        currencies = data_files.currency_rows()
        results.append(_sync(Currency, currencies, key=("code",), label="Currencies", progress=progress))
        countries = data_files.country_rows({c["code"] for c in currencies})
        results.append(_sync(Country, countries, key=("iso2",), label="Countries", progress=progress))
        results.append(
            _sync(
                SCOStatusPeriod,
                data_files.sco_status_rows(),
                key=("country_id", "start"),
                label="SCO status periods",
                progress=progress,
            )
        )
        results.append(
            _sync(
                HSSection,
                data_files.hs_section_rows(),
                key=("number",),
                label="HS sections",
                progress=progress,
                keep=_operator_corrections("name"),
            )
        )
        codes = data_files.hs_code_rows()
        for level, label in ((2, "HS chapters"), (4, "HS headings"), (6, "HS subheadings")):
            level_rows = [row for row in codes if row["level"] == level]
            results.append(
                _sync(
                    HSCode,
                    level_rows,
                    key=("code",),
                    label=label,
                    progress=progress,
                    keep=_operator_corrections("description"),
                )
            )
        current, retired = data_files.incoterm_rows()
        results.append(_sync(Incoterm, current, key=("code",), label="Incoterms 2020", progress=progress))
        results.append(
            _sync(RetiredIncoterm, retired, key=("code",), label="Withdrawn Incoterms", progress=progress)
        )
        results.append(_sync(Unit, data_files.unit_rows(), key=("code",), label="Units", progress=progress))
        results.append(
            _sync(
                Location,
                data_files.location_rows({c["iso2"] for c in countries}, curated_only=curated_places_only),
                key=("locode",),
                label="Locations",
                progress=progress,
            )
        )
        for app_config in apps.get_app_configs():
            hook = getattr(app_config, "load_reference_data", None)
            if callable(hook):
                hook(stdout=stdout, verbosity=verbosity)
    if verbosity >= 1:
        added = sum(r.added for r in results)
        changed = sum(r.changed for r in results)
        stdout.write(
            f"Reference data loaded in {time.monotonic() - started:.1f} s: {added} added, {changed} changed."
        )
    return results


@transaction.atomic
def restore_names_from_data(model, keys: list) -> int:
    """Give the selected HS sections or codes (primary keys) their Chinese and Russian names and
    sources from the data files again, dropping the operator's corrections. Returns the rows changed."""
    if model is HSSection:
        rows, name_field = data_files.hs_section_rows(), "name"
    elif model is HSCode:
        rows, name_field = data_files.hs_code_rows(), "description"
    else:  # pragma: no cover - only the two admins call this
        raise ValueError(model)
    pk = model._meta.pk.name
    by_key = {row[pk]: row for row in rows}
    fields = [f"{name_field}_zh_hans", f"{name_field}_ru", "zh_hans_source", "ru_source"]
    changed = []
    for obj in model.objects.filter(pk__in=keys):
        row = by_key.get(obj.pk)
        if row and any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            changed.append(obj)
    model.objects.bulk_update(changed, fields)
    return len(changed)
