"""The read of the lead page: one lead with everything it shows, as model instances, in a few plain SQL
queries.

Built with the ORM the page cost about 3.8 ms of CPU in ten queries (compiling them and building the
related instances) for well under a millisecond of database work. Here each query is SQL written once
per process from the models' own columns, its values pass the backends' own converters and the rows
become instances with ``Model.from_db``, related rows attached as ``select_related`` would: the
templates read the same instances with the same translated-field fallbacks. The lead, its
organization, profile, HS code, place and author are one six-table query (as
``queries.leads.DETAIL_RELATED``: PostgreSQL plans wider joins for longer than it runs them); the
small reference rows follow in one query per table.

Who may read the lead is decided as ``Lead.objects.visible_to`` decides it, from the organizations the
reader acts for (read once per request by the middleware)."""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.http import Http404

from scotemp.accounts.models import Organization, User
from scotemp.committees.models import Committee
from scotemp.core.permissions import is_operator, member_org_ids
from scotemp.directory.models import OrganizationProfile
from scotemp.reference.models import Country, HSCode, Incoterm, Location, Unit

from ..models import Lead

# The author shows only as a contact (name and e-mail): the rest of the account stays unread.
AUTHOR_FIELDS = ("id", "full_name", "email")


def reader_org_ids(request) -> frozenset[int]:
    """The organizations the reader acts for, any role: from the memberships the middleware read for
    the account menu, else (an API token, a visitor) as ``core.permissions.member_org_ids`` reads them."""
    memberships = getattr(request, "user_memberships", None)
    if memberships is None:
        return member_org_ids(request.user)
    return frozenset(m.organization_id for m in memberships)


def may_read(user, lead: Lead, org_ids: frozenset[int]) -> bool:
    """``Lead.objects.visible_to(user)`` for one loaded lead: operators and members of the owning
    organization read every lead, everybody the public ones (``Lead.public_q``)."""
    return is_operator(user) or lead.organization_id in org_ids or _matches(Lead.public_q(), lead)


def may_edit(user, lead: Lead, org_ids: frozenset[int]) -> bool:
    """``Lead.objects.editable_by(user, role=MEMBER)`` for one loaded lead: operators, and members of
    the owning organization with any role."""
    return is_operator(user) or lead.organization_id in org_ids


def _matches(q, row) -> bool:
    """Whether ``row`` satisfies ``q``, a conjunction of exact field lookups (``public_q``)."""
    if q.connector != "AND" or q.negated:
        raise ValueError(f"only a conjunction of exact lookups can be checked in Python: {q!r}")
    for name, value in q.children:
        if "__" in name:
            raise ValueError(f"only exact lookups can be checked in Python: {name}")
        if getattr(row, name) != value:
            return False
    return True


class _Columns:
    """The columns of ``fields`` of ``model`` under a table alias, and how a row's values become an
    instance (converters of the current backend, as the ORM applies them)."""

    def __init__(self, model, alias: str, fields=None):
        qn = connection.ops.quote_name
        opts = model._meta
        # In the model's order: ``from_db`` reads a subset of the columns in that order.
        chosen = [f for f in opts.concrete_fields if not fields or f.name in fields]
        self.model, self.count = model, len(chosen)
        self.attnames = [f.attname for f in chosen]
        self.sql = ", ".join(f"{alias}.{qn(f.column)}" for f in chosen)
        self.converters = []
        for i, field in enumerate(chosen):
            expression = field.get_col(alias)
            found = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
            if found:
                self.converters.append((i, found, expression))

    def build(self, row, start: int):
        """The instance from ``row[start:start + count]``, or None when the row's key is NULL (an
        outer join that found nothing)."""
        values = list(row[start : start + self.count])
        pk_at = self.attnames.index(self.model._meta.pk.attname)
        if values[pk_at] is None:
            return None
        for i, converters, expression in self.converters:
            for converter in converters:
                values[i] = converter(values[i], expression, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


@dataclass
class _Sql:
    lead: _Columns
    organization: _Columns
    profile: _Columns
    hs: _Columns
    place: _Columns
    author: _Columns
    country: _Columns
    unit: _Columns
    incoterm: _Columns
    committee: _Columns
    location: _Columns
    main: str
    countries: str
    hs_ancestors: str


@cache
def _sql(vendor: str) -> _Sql:
    """The page's SQL for a database vendor, written once per process from the models."""
    del vendor  # part of the cache key only
    qn = connection.ops.quote_name
    lead = _Columns(Lead, "l")
    organization = _Columns(Organization, "o")
    profile = _Columns(OrganizationProfile, "p")
    hs = _Columns(HSCode, "h")
    place = _Columns(Location, "pl")
    author = _Columns(User, "a", AUTHOR_FIELDS)
    through = Lead.countries.through._meta
    main = (
        f"SELECT {lead.sql}, {organization.sql}, {profile.sql}, {hs.sql}, {place.sql}, {author.sql}"
        f" FROM {qn(Lead._meta.db_table)} l"
        f" INNER JOIN {qn(Organization._meta.db_table)} o ON o.{qn('id')} = l.{qn('organization_id')}"
        f" LEFT OUTER JOIN {qn(OrganizationProfile._meta.db_table)} p"
        f" ON p.{qn('organization_id')} = o.{qn('id')}"
        f" INNER JOIN {qn(HSCode._meta.db_table)} h ON h.{qn('code')} = l.{qn('hs_code_id')}"
        f" INNER JOIN {qn(Location._meta.db_table)} pl ON pl.{qn('locode')} = l.{qn('incoterm_place_id')}"
        f" LEFT OUTER JOIN {qn(User._meta.db_table)} a ON a.{qn('id')} = l.{qn('author_id')}"
        f" WHERE l.{qn('public_id')} = %s"
    )
    country = _Columns(Country, "c")
    # The lead's countries (listed: a value in the last column) and the other countries it names.
    countries = (
        f"SELECT {country.sql}, lc.{qn('lead_id')} FROM {qn(Country._meta.db_table)} c"
        f" LEFT OUTER JOIN {qn(through.db_table)} lc"
        f" ON lc.{qn('country_id')} = c.{qn('iso2')} AND lc.{qn('lead_id')} = %s"
        f" WHERE lc.{qn('lead_id')} IS NOT NULL OR c.{qn('iso2')} IN (%s, %s, %s, %s)"
        f" ORDER BY c.{qn('iso2')}"
    )
    parent = _Columns(HSCode, "h2")
    hs_ancestors = (
        f"SELECT {_Columns(HSCode, 'h1').sql}, {parent.sql} FROM {qn(HSCode._meta.db_table)} h1"
        f" LEFT OUTER JOIN {qn(HSCode._meta.db_table)} h2 ON h2.{qn('code')} = h1.{qn('parent_id')}"
        f" WHERE h1.{qn('code')} = %s"
    )
    return _Sql(
        lead=lead,
        organization=organization,
        profile=profile,
        hs=hs,
        place=place,
        author=author,
        country=country,
        unit=_Columns(Unit, "u"),
        incoterm=_Columns(Incoterm, "i"),
        committee=_Columns(Committee, "cm"),
        location=_Columns(Location, "lo"),
        main=main,
        countries=countries,
        hs_ancestors=hs_ancestors,
    )


def _by_key(sql: _Sql, columns: _Columns, key_column: str, keys) -> dict:
    """{primary key: instance} of the rows of ``columns.model`` whose ``key_column`` is in ``keys``."""
    keys = [k for k in dict.fromkeys(keys) if k is not None]
    if not keys:
        return {}
    qn = connection.ops.quote_name
    alias = columns.sql.split(".", 1)[0]
    statement = (
        f"SELECT {columns.sql} FROM {qn(columns.model._meta.db_table)} {alias}"
        f" WHERE {alias}.{qn(key_column)} IN ({', '.join(['%s'] * len(keys))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, keys)
        rows = cursor.fetchall()
    instances = (columns.build(row, 0) for row in rows)
    return {instance.pk: instance for instance in instances}


def _attach(holder, field_name: str, rows: dict) -> None:
    field = holder._meta.get_field(field_name)
    key = getattr(holder, field.attname)
    field.set_cached_value(holder, rows.get(key) if key is not None else None)


@dataclass
class LeadPage:
    """The lead (relations loaded), its countries, its HS code's path from the chapter, and the
    viewer's place (their organization's city, else ``default_place``) when it is not the lead's."""

    lead: Lead
    countries: list
    hs_path: list
    viewer_place: Location | None


def lead_page(user, public_id, org_ids: frozenset[int], viewer_place_id: str | None) -> LeadPage:
    """The lead ``user`` may read (404 otherwise) with everything its page shows."""
    sql = _sql(connection.vendor)
    key = Lead._meta.get_field("public_id").get_db_prep_value(public_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql.main, [key])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    at = 0
    parts = []
    for columns in (sql.lead, sql.organization, sql.profile, sql.hs, sql.place, sql.author):
        parts.append(columns.build(row, at))
        at += columns.count
    lead, organization, profile, hs, place, author = parts
    if not may_read(user, lead, org_ids):
        raise Http404
    _attach(lead, "organization", {organization.pk: organization})
    OrganizationProfile._meta.get_field("organization").remote_field.set_cached_value(organization, profile)
    if profile is not None:
        _attach(profile, "organization", {organization.pk: organization})
    _attach(lead, "hs_code", {hs.pk: hs})
    _attach(lead, "incoterm_place", {place.pk: place})
    _attach(lead, "author", {author.pk: author} if author is not None else {})

    # The viewer's place, the lead's units, Incoterm and committee.
    viewer_place = None
    if viewer_place_id is not None and viewer_place_id != place.pk:
        viewer_place = _by_key(sql, sql.location, "locode", [viewer_place_id]).get(viewer_place_id)
    units = _by_key(sql, sql.unit, "code", [lead.unit_id, lead.price_unit_id])
    _attach(lead, "unit", units)
    _attach(lead, "price_unit", units)
    _attach(lead, "incoterm", _by_key(sql, sql.incoterm, "code", [lead.incoterm_id]))
    _attach(lead, "committee", _by_key(sql, sql.committee, "id", [lead.committee_id]))

    # Countries: the lead's own (delivery or origins) and those of its organization, place and origin.
    named = [organization.country_id, place.country_id, lead.origin_country_id]
    if viewer_place is not None:
        named.append(viewer_place.country_id)
    named += [None] * (4 - len(named))
    with connection.cursor() as cursor:
        cursor.execute(sql.countries, [lead.pk, *named])
        rows = cursor.fetchall()
    countries, listed = {}, []
    for row in rows:
        country = sql.country.build(row, 0)
        countries[country.pk] = country
        if row[sql.country.count] is not None:
            listed.append(country)
    _attach(organization, "country", countries)
    _attach(place, "country", countries)
    _attach(lead, "origin_country", countries)
    if viewer_place is not None:
        _attach(viewer_place, "country", countries)

    return LeadPage(lead=lead, countries=listed, hs_path=_hs_path(sql, hs), viewer_place=viewer_place)


def _hs_path(sql: _Sql, hs: HSCode) -> list:
    """The HS code's ancestors and itself, chapter first: two levels per query (one for a
    six-digit code)."""
    path = [hs]
    while path[0].parent_id:
        with connection.cursor() as cursor:
            cursor.execute(sql.hs_ancestors, [path[0].parent_id])
            row = cursor.fetchone()
        if row is None:
            break
        parent = sql.hs.build(row, 0)
        grandparent = sql.hs.build(row, sql.hs.count)
        _attach(path[0], "parent", {parent.pk: parent})
        path.insert(0, parent)
        if grandparent is None:
            break
        _attach(parent, "parent", {grandparent.pk: grandparent})
        path.insert(0, grandparent)
    return path
