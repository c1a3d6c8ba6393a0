"""Leads as :class:`~scotemp.trade.matching.scoring.LeadRecord` values, read with plain SQL.

The engine, its index and the store read leads through these functions only, so the index and the
brute force see exactly the same values (the same conversions of dates, decimals and JSON lists on
SQLite and PostgreSQL)."""

import datetime
import functools
import json

from django.db import connection
from django.utils import timezone

from .scoring import LeadRecord

# Columns of a LeadRecord, in order.
COLUMNS = (
    "l.id, l.kind, l.status, l.organization_id, o.country_id, l.hs_code_id, l.quantity, l.unit_id, "
    "l.min_order, l.incoterm_id, l.incoterm_place_id, l.origin_country_id, l.certifications_held, "
    "l.certifications_required, l.valid_until, l.published_at"
)
FROM = "trade_lead l JOIN accounts_organization o ON o.id = l.organization_id"
CHUNK = 900  # ids per IN (...) list: below SQLite's variable limit


def fetch(sql: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def placeholders(values) -> tuple[str, list]:
    """``("%s, %s, …", values)`` for an ``IN (…)`` list (``NULL`` when empty)."""
    values = list(values)
    return ", ".join(["%s"] * len(values)) or "NULL", values


def countries_of(lead_ids) -> dict[int, set]:
    """``{lead id: set of country codes}`` of the leads' country lists."""
    out: dict[int, set] = {}
    ids = list(lead_ids)
    for start in range(0, len(ids), CHUNK):
        marks, params = placeholders(ids[start : start + CHUNK])
        sql = f"SELECT lead_id, country_id FROM trade_lead_countries WHERE lead_id IN ({marks})"
        for lead_id, country in fetch(sql, params):
            out.setdefault(lead_id, set()).add(country)
    return out


def verified_org_ids(org_ids) -> set:
    """The ids among ``org_ids`` of organizations whose directory profile is verified."""
    ids, out = list(set(org_ids)), set()
    for start in range(0, len(ids), CHUNK):
        marks, params = placeholders(ids[start : start + CHUNK])
        sql = (
            "SELECT organization_id FROM directory_organizationprofile "
            f"WHERE verification_status = 'verified' AND organization_id IN ({marks})"
        )
        out.update(r[0] for r in fetch(sql, params))
    return out


def verified_all() -> set:
    """The ids of every organization whose directory profile is verified."""
    sql = "SELECT organization_id FROM directory_organizationprofile WHERE verification_status = 'verified'"
    return {r[0] for r in fetch(sql, [])}


@functools.lru_cache(maxsize=4096)
def _parse_list(text: str) -> frozenset:
    return frozenset(json.loads(text) or ())


def _json_list(value) -> frozenset:
    if isinstance(value, str):  # SQLite: JSON text; few distinct lists, so parsed once each
        return _parse_list(value)
    return frozenset(value or ())


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _published(value, tz):
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: naive UTC text
        value = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(tz).date()


def _record(row, countries: dict[int, set], tz) -> LeadRecord:
    (
        pk,
        kind,
        status,
        org,
        org_country,
        hs,
        qty,
        unit,
        minimum,
        inc,
        place,
        origin,
        held,
        req,
        valid,
        pub,
    ) = row[:16]
    return LeadRecord(
        id=pk,
        kind=kind,
        status=status,
        org_id=org,
        org_country=org_country,
        hs_code=hs,
        quantity=float(qty),
        unit=unit,
        min_order=float(minimum) if minimum is not None else None,
        incoterm=inc,
        place=place,
        origin=origin,
        countries=frozenset(countries.get(pk, ())),
        certs_held=_json_list(held),
        certs_required=_json_list(req),
        valid_until=_date(valid),
        published=_published(pub, tz),
    )


def records(rows) -> list[LeadRecord]:
    """LeadRecords from rows of ``SELECT COLUMNS``, with their countries (one query)."""
    rows = list(rows)
    return records_with(rows, countries_of([r[0] for r in rows]) if rows else {})


def records_with(rows, countries: dict) -> list[LeadRecord]:
    """LeadRecords from rows of ``SELECT COLUMNS`` and their countries ``{lead id: set}``."""
    tz = timezone.get_current_timezone()
    return [_record(r, countries, tz) for r in rows]


def rows_of(lead_ids) -> list:
    """Rows of ``SELECT COLUMNS`` for these lead ids."""
    ids, rows = list(lead_ids), []
    for start in range(0, len(ids), CHUNK):
        marks, params = placeholders(ids[start : start + CHUNK])
        rows += fetch(f"SELECT {COLUMNS} FROM {FROM} WHERE l.id IN ({marks})", params)
    return rows


def load_record(lead) -> LeadRecord | None:
    """The LeadRecord of a lead (a Lead or an id), or None when it does not exist."""
    pk = lead if isinstance(lead, int) else lead.pk
    found = records(fetch(f"SELECT {COLUMNS} FROM {FROM} WHERE l.id = %s", [pk]))
    return found[0] if found else None
