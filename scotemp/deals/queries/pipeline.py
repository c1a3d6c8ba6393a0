"""The deals pipeline of one organization, read as plain values.

The pipeline lists up to a hundred requests sent, inquiries received and deals. Built as model
instances with their related rows (the request, its unit, both parties, their countries, the deal,
the current terms), those lists cost about four times the queries themselves; the page reads a dozen
values of each row. Here they are read with ``values()`` into small rows that offer exactly the
attributes ``deals/pipeline.html`` reads, under the models' names, and the unread messages of all the
listed threads are counted by one grouped query (as correlated subqueries in each list, building the
SQL alone cost more than running it). Five queries whatever the rows.
"""

import functools
import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q

from scotemp.core.prepared import USER, PreparedQuery, prepared_cursor
from scotemp.trade.queries.light import LANGUAGES, translated

from ..choices import DealStatus, InquiryStatus
from ..models import Deal, Inquiry, Message, ThreadRead

PIPELINE_ROWS = 100
COUNTERPART = {"buyer": "seller", "seller": "buyer"}


def _named_columns(prefix: str) -> list[str]:
    return [f"{prefix}name_{language}" for language in LANGUAGES] + [f"{prefix}name"]


def _org_columns(prefix: str) -> list[str]:
    return [f"{prefix}{name}" for name in ("name", "name_latin", "country_id")] + _named_columns(
        f"{prefix}country__"
    )


def _strip(values: dict, prefix: str) -> dict:
    return {key[len(prefix) :]: value for key, value in values.items() if key.startswith(prefix)}


@dataclass(slots=True)
class Named:
    """A country or unit: its code and its name in the active language."""

    pk: str
    name: str


@dataclass(slots=True)
class Party:
    name: str
    name_latin: str
    country_id: str | None
    country: Named | None

    @classmethod
    def of(cls, values: dict, prefix: str) -> "Party":
        v = _strip(values, prefix)
        country_id = v["country_id"]
        country = Named(country_id, translated(_strip(v, "country__"), "name")) if country_id else None
        return cls(v["name"], v["name_latin"], country_id, country)


@dataclass(slots=True)
class RequestRow:
    public_id: object
    goods: str
    quantity: object
    unit: Named


@dataclass(slots=True)
class DealRef:
    public_id: object


@dataclass(slots=True)
class InquiryRow:
    id: int
    public_id: object
    status: str
    created_at: object
    unread: int
    rfq: RequestRow
    counterpart: Party
    deal: DealRef | None

    def get_status_display(self) -> str:
        return str(InquiryStatus(self.status).label)


@dataclass(slots=True)
class TermsRow:
    goods: str
    total: object
    currency_id: str


@dataclass(slots=True)
class DealRow:
    public_id: object
    status: str
    updated_at: object
    side: str
    counterpart: Party
    current_terms: TermsRow | None

    def get_status_display(self) -> str:
        return str(DealStatus(self.status).label)


@dataclass(slots=True)
class Pipeline:
    sent: list[InquiryRow]
    received: list[InquiryRow]
    deals: list[DealRow]
    deal_status: str
    statuses: list[dict] = field(default_factory=list)
    deal_total: int = 0

    @property
    def unread_received(self) -> int:
        return sum(1 for row in self.received if row.unread)


def _inquiry_rows(user, organization_id: int, role: str):
    other = COUNTERPART[role]
    qs = Inquiry.objects.on_side(user, role).filter(**{f"{role}_id": organization_id})
    columns = [
        "public_id",
        "status",
        "created_at",
        "pk",
        "deal__public_id",
        "rfq__public_id",
        "rfq__goods",
        "rfq__quantity",
        "rfq__unit_id",
        *_named_columns("rfq__unit__"),
        *_org_columns(f"{other}__"),
    ]
    return qs.order_by("-updated_at", "-pk").values(*columns)[:PIPELINE_ROWS]


_INQUIRY_ROWS = PreparedQuery(_inquiry_rows, user=USER, organization_id=int)


def _inquiries(user, organization, role: str) -> list[InquiryRow]:
    other = COUNTERPART[role]
    rows = _INQUIRY_ROWS(user=user, organization_id=organization.pk, role=role)
    return [
        InquiryRow(
            id=v["pk"],
            public_id=v["public_id"],
            status=v["status"],
            created_at=v["created_at"],
            unread=0,  # counted for both lists at once by pipeline_of
            rfq=RequestRow(
                v["rfq__public_id"],
                v["rfq__goods"],
                v["rfq__quantity"],
                Named(v["rfq__unit_id"], translated(_strip(v, "rfq__unit__"), "name")),
            ),
            counterpart=Party.of(v, f"{other}__"),
            deal=DealRef(v["deal__public_id"]) if v["deal__public_id"] else None,
        )
        for v in rows
    ]


def _visible_deals(user, organization_id: int):
    return Deal.objects.visible_to(user).filter(Q(buyer_id=organization_id) | Q(seller_id=organization_id))


_DEAL_COLUMNS = (
    "public_id",
    "status",
    "updated_at",
    "buyer_id",
    "current_terms_id",
    "current_terms__goods",
    "current_terms__quantity",
    "current_terms__unit_price",
    "current_terms__currency_id",
    *_org_columns("buyer__"),
    *_org_columns("seller__"),
)
_DEAL_ROWS = PreparedQuery(
    lambda user, organization_id: (
        _visible_deals(user, organization_id)
        .order_by("-updated_at", "-pk")
        .values(*_DEAL_COLUMNS)[:PIPELINE_ROWS]
    ),
    user=USER,
    organization_id=int,
)
_DEAL_ROWS_BY_STATUS = PreparedQuery(
    lambda user, organization_id, status: (
        _visible_deals(user, organization_id)
        .filter(status=status)
        .order_by("-updated_at", "-pk")
        .values(*_DEAL_COLUMNS)[:PIPELINE_ROWS]
    ),
    user=USER,
    organization_id=int,
    status=str,
)
_DEAL_COUNTS = PreparedQuery(
    lambda user, organization_id: (
        _visible_deals(user, organization_id)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    ),
    user=USER,
    organization_id=int,
)


def _deals(user, organization, status: str) -> list[DealRow]:
    """The deals of ``organization`` as ``user`` may see them, ``status`` only if given."""
    if status:
        rows = _DEAL_ROWS_BY_STATUS(user=user, organization_id=organization.pk, status=status)
    else:
        rows = _DEAL_ROWS(user=user, organization_id=organization.pk)
    out = []
    for v in rows:
        side = "buyer" if v["buyer_id"] == organization.pk else "seller"
        terms = None
        if v["current_terms_id"]:
            terms = TermsRow(
                v["current_terms__goods"],
                v["current_terms__unit_price"] * v["current_terms__quantity"],
                v["current_terms__currency_id"],
            )
        out.append(
            DealRow(
                public_id=v["public_id"],
                status=v["status"],
                updated_at=v["updated_at"],
                side=side,
                counterpart=Party.of(v, f"{COUNTERPART[side]}__"),
                current_terms=terms,
            )
        )
    return out


_UNREAD_SQL = """
SELECT m.inquiry_id, COUNT(*)
FROM {message} m
LEFT JOIN {read} r ON r.inquiry_id = m.inquiry_id AND r.user_id = %s
WHERE m.inquiry_id {ids}
  AND (m.author_id IS NULL OR m.author_id <> %s)
  AND (r.read_at IS NULL OR m.created_at > r.read_at)
GROUP BY m.inquiry_id
"""
# The ids travel as one value, so the statement's text is the same for any number of them: PostgreSQL
# plans it once per connection (prepared_cursor), SQLite keeps it compiled in its statement cache.
_IDS = {"postgresql": "= ANY(%s::bigint[])", "sqlite": "IN (SELECT value FROM json_each(%s))"}


@functools.cache
def _unread_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    return _UNREAD_SQL.format(
        message=quote(Message._meta.db_table), read=quote(ThreadRead._meta.db_table), ids=_IDS[vendor]
    )


def _unread_counts(user, inquiry_ids: list[int]) -> dict[int, int]:
    """Messages by others that ``user`` has not read, per inquiry (the same rule as the thread page:
    after their last read, all of them if never read)."""
    if not inquiry_ids:
        return {}
    ids = list(inquiry_ids) if connection.vendor == "postgresql" else json.dumps(inquiry_ids)
    with prepared_cursor(connection) as cursor:
        cursor.execute(_unread_sql(connection.vendor), [user.pk, ids, user.pk])
        return dict(cursor.fetchall())


def pipeline_of(user, organization, deal_status: str = "") -> Pipeline:
    """Requests sent, inquiries received and deals of ``organization`` as ``user`` may see them, each
    list bounded by :data:`PIPELINE_ROWS`, with a count per deal status (the bars). ``deal_status``
    narrows the deals list; an unknown status is ignored."""
    if deal_status not in DealStatus.values:
        deal_status = ""
    counts = dict(_DEAL_COUNTS(user=user, organization_id=organization.pk))
    biggest = max(counts.values(), default=0) or 1
    statuses = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "pct": counts.get(value, 0) * 100 // biggest,
        }
        for value, label in DealStatus.choices
    ]
    sent, received = _inquiries(user, organization, "buyer"), _inquiries(user, organization, "seller")
    unread = _unread_counts(user, [row.id for row in (*sent, *received)])
    for row in (*sent, *received):
        row.unread = unread.get(row.id, 0)
    return Pipeline(
        sent=sent,
        received=received,
        deals=_deals(user, organization, deal_status),
        deal_status=deal_status,
        statuses=statuses,
        deal_total=sum(counts.values()),
    )
