"""The comparison of an RFQ's quotations in one currency, and what the buyer's RFQ page reads with it.

The page reads as little as it shows. The sellers' inquiries come as small rows from ``values()``
offering the attributes the page, :func:`compare_quotations` and the delivered-cost calculation read,
under the models' names (an organization built as a model instance carries seventeen columns; the
page shows four), with each inquiry's deal in the same query; the quotations load only the unit and
the named place; the request comes with its buyer's country, which gives the default currency when
the reader acts for the buyer (the active organization is loaded without its country). The
conversions into the compared currency are kept in the shared cache for a minute
(:data:`RATES_CACHE_SECONDS`): rates arrive once a day, and reading them cost two queries whose
building took more than a millisecond."""

import datetime
import hashlib
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone

from scotemp.core.prepared import USER, PreparedQuery
from scotemp.reference import fx
from scotemp.reference.models import FxRate
from scotemp.trade.queries.light import LANGUAGES, translated

from ..choices import InquiryStatus, QuotationStatus
from ..models import Inquiry, Quotation, Rfq
from .pipeline import Named

QUOTATION_RELATED = ("currency", "unit", "incoterm", "incoterm_place", "created_by")
# The quotation's related rows the RFQ page and the delivered cost read (not its currency, rule or author).
PAGE_QUOTATION_RELATED = ("unit", "incoterm_place")
RATE_CURRENCIES_CACHE_SECONDS = 600
RATES_CACHE_SECONDS = 60


@dataclass(slots=True)
class Seller:
    pk: int
    name: str
    name_latin: str
    country_id: str | None
    country: Named | None
    city_id: str | None


@dataclass(slots=True)
class DealRef:
    public_id: object
    status: str


@dataclass(slots=True)
class SellerInquiry:
    pk: int
    public_id: object
    status: str
    seller_id: int
    seller: Seller
    open_deal: DealRef | None

    @property
    def id(self) -> int:
        return self.pk

    def get_status_display(self) -> str:
        return str(InquiryStatus(self.status).label)


def _from_meeting() -> Exists:
    """Whether a B2B meeting's outcome names the RFQ (the events app's rows, read through the reverse
    relation it declares): the page reads those outcomes only then."""
    outcomes = Rfq._meta.get_field("meeting_outcomes").related_model
    return Exists(outcomes.objects.filter(rfq_id=OuterRef("pk")))


_RFQ_FOR_PAGE = PreparedQuery(
    lambda user, public_id: (
        Rfq.objects.visible_to(user)
        .select_related("hs_code", "unit", "incoterm", "incoterm_place", "buyer__city", "buyer__country")
        .annotate(from_meeting=_from_meeting())
        .filter(public_id=public_id)[:1]
    ),
    user=USER,
    public_id=uuid.UUID,
)


def rfq_for_page(user, public_id) -> Rfq:
    """The RFQ as :func:`~scotemp.deals.queries.rfq_for_viewer` reads it, with its buyer's country and
    ``from_meeting`` (whether a B2B meeting's outcome names it); 404 when ``user`` may not see it."""
    return _RFQ_FOR_PAGE.get_or_404(user=user, public_id=public_id)


def default_currency(organization, rfq: Rfq) -> str:
    """The currency of the active organization's country, else USD; read from the request's buyer when
    that is the active organization (the same row), else from the organization's country."""
    if organization is None:
        return "USD"
    if organization.pk == rfq.buyer_id:
        country = rfq.buyer.country
    else:
        country = organization.country
    return getattr(country, "currency_id", None) or "USD"


_COUNTRY_NAMES = tuple(f"seller__country__name_{language}" for language in LANGUAGES)
_SELLER_INQUIRIES = PreparedQuery(
    lambda rfq_id: (
        Inquiry.objects.filter(rfq_id=rfq_id)
        .order_by("pk")
        .values(
            "pk",
            "public_id",
            "status",
            "seller_id",
            "seller__name",
            "seller__name_latin",
            "seller__country_id",
            "seller__city_id",
            "seller__country__name",
            *_COUNTRY_NAMES,
            "deal__public_id",
            "deal__status",
        )
    ),
    rfq_id=int,
)


def seller_inquiries(rfq: Rfq) -> list[SellerInquiry]:
    """Every seller's inquiry of the RFQ, oldest first, with the seller, its country and the inquiry's
    deal (if any): one query."""
    country_names = _COUNTRY_NAMES
    rows = _SELLER_INQUIRIES(rfq_id=rfq.pk)
    out = []
    for v in rows:
        country_id = v["seller__country_id"]
        country = None
        if country_id:
            names = {
                key[len("seller__country__") :]: v[key] for key in ("seller__country__name", *country_names)
            }
            country = Named(country_id, translated(names, "name"))
        seller = Seller(
            v["seller_id"],
            v["seller__name"],
            v["seller__name_latin"],
            country_id,
            country,
            v["seller__city_id"],
        )
        deal = DealRef(v["deal__public_id"], v["deal__status"]) if v["deal__public_id"] else None
        out.append(SellerInquiry(v["pk"], v["public_id"], v["status"], v["seller_id"], seller, deal))
    return out


@dataclass(frozen=True)
class ComparedQuotation:
    inquiry: Inquiry
    quotation: Quotation
    unit_price: Decimal | None  # in the comparison currency; None without a rate
    total: Decimal | None
    conversion: "fx.Conversion | None"


@dataclass(frozen=True)
class Comparison:
    currency: str
    on_date: datetime.date
    rows: list[ComparedQuotation]
    waiting: list[Inquiry]  # inquiries with no quotation yet (or declined)
    uses_demo_rates: bool
    missing_rates: list[str]  # currencies without a rate on or before the date


def _apply(conversion, amount: Decimal) -> Decimal:
    return (amount * conversion.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rate_currencies() -> set[str]:
    """The currencies with a stored exchange rate (either side): from the shared cache, else one
    query, cached for :data:`RATE_CURRENCIES_CACHE_SECONDS` (rates arrive once a day)."""
    key = "deals:rate-currencies:v1"
    codes = cache.get(key)
    if codes is None:
        bases = FxRate.objects.order_by().values_list("base_id", flat=True).distinct()
        quotes = FxRate.objects.order_by().values_list("quote_id", flat=True).distinct()
        codes = sorted(set(bases.union(quotes)))
        cache.set(key, codes, RATE_CURRENCIES_CACHE_SECONDS)
    return set(codes)


def quoted_currencies(rfq: Rfq) -> set[str]:
    """The currencies of every quotation of an RFQ, any version: one query."""
    return set(_QUOTED_CURRENCIES(rfq_id=rfq.pk))


_QUOTED_CURRENCIES = PreparedQuery(
    lambda rfq_id: (
        Quotation.objects.filter(inquiry__rfq_id=rfq_id)
        .order_by()
        .values_list("currency_id", flat=True)
        .distinct()
    ),
    rfq_id=int,
)


def comparison_currencies(rfq: Rfq, default: str, quoted: set[str] | None = None) -> list[str]:
    """The currencies worth offering for an RFQ's comparison: those with stored rates, the quoted
    ones (``quoted``, else read: one query), the default and USD (and one query when the rates'
    currencies are not cached)."""
    if quoted is None:
        quoted = quoted_currencies(rfq)
    return sorted(rate_currencies() | quoted | {default, "USD"})


def conversions(codes: set[str], currency: str, on_date: datetime.date) -> dict[str, "fx.Conversion | None"]:
    """One unit of each of ``codes`` in ``currency`` as :func:`fx.rates_for` converts it on ``on_date``,
    None for a code without a rate: from the shared cache, else two queries, kept for
    :data:`RATES_CACHE_SECONDS` under the codes, the currency and the day."""
    codes = sorted(code for code in codes if code)
    key = f"deals:conversions:v1:{currency}:{on_date.isoformat()}:{','.join(codes)}"
    found = cache.get(key)
    if found is None:
        rates = fx.rates_for(set(codes), currency, on_date)
        found = {code: rates.get(code) for code in codes}
        cache.set(key, found, RATES_CACHE_SECONDS)
    return found


def inquiries_of_rfq(rfq: Rfq) -> list[Inquiry]:
    """Every seller's inquiry of an RFQ with the seller and its country, oldest first."""
    return list(rfq.inquiries.select_related("seller", "seller__country").order_by("pk"))


# The current or accepted quotation of each inquiry of an RFQ, with ``related`` (a variant: few values).
_STANDING_QUOTATIONS = PreparedQuery(
    lambda rfq_id, related: Quotation.objects.filter(
        inquiry__rfq_id=rfq_id, status__in=(QuotationStatus.CURRENT, QuotationStatus.ACCEPTED)
    ).select_related(*related),
    rfq_id=int,
)


def standing_quotations(rfq: Rfq, related: tuple[str, ...] = QUOTATION_RELATED) -> list[Quotation]:
    """The current or accepted quotation of each inquiry of ``rfq``, with ``related``: one query."""
    return _STANDING_QUOTATIONS(rfq_id=rfq.pk, related=tuple(related))


def fingerprint(rfq: Rfq, inquiries: list, quotations: list[Quotation], rates: dict) -> str:
    """A digest of everything the comparison of ``rfq`` is made of that users change: every column of
    the request, its buyer, the sellers' inquiries (with the sellers and deals the page shows) and
    the standing quotations, and the conversions used. Not in it: the reference data (tariffs, VAT,
    places), loaded again only by its commands, and the providers' lane rates, which the route planner
    takes up within a minute; a fragment keyed by this lives at most a minute (ADR 0014, seventh
    round)."""

    def columns(row) -> tuple:
        return tuple(getattr(row, field.attname) for field in row._meta.concrete_fields)

    rows = (
        columns(rfq),
        columns(rfq.buyer),
        [repr(inquiry) for inquiry in inquiries],
        sorted(columns(quotation) for quotation in quotations),
        sorted((code, repr(conversion)) for code, conversion in rates.items()),
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def compare_quotations(
    rfq: Rfq,
    currency: str,
    on_date: datetime.date | None = None,
    inquiries: list[Inquiry] | None = None,
    related: tuple[str, ...] = QUOTATION_RELATED,
    rates: dict | None = None,
    quotations: list[Quotation] | None = None,
) -> Comparison:
    """The current (or accepted) quotation of every inquiry of an RFQ, converted into ``currency``
    with the latest rates on or before ``on_date`` (today by default), cheapest total first; rows
    without a rate come last, unconverted. A bounded number of queries whatever the sellers;
    ``inquiries`` (from :func:`inquiries_of_rfq`) saves one when the caller has them already;
    ``related``: the quotations' related rows to load (a page may need fewer); ``rates``: the
    conversions into ``currency`` on ``on_date`` already read (:func:`conversions`, None for a
    currency without a rate), completed as needed; ``quotations``: :func:`standing_quotations` already
    read."""
    on_date = on_date or timezone.localdate()
    if inquiries is None:
        inquiries = inquiries_of_rfq(rfq)
    if quotations is None:
        quotations = standing_quotations(rfq, related)
    quotations = {q.inquiry_id: q for q in quotations}
    codes = {q.currency_id for q in quotations.values()}
    if rates is None:
        rates = fx.rates_for(codes, currency, on_date)
    elif codes - set(rates):  # quoted since the caller read them
        rates = {**rates, **fx.rates_for(codes - set(rates), currency, on_date)}
    rows, waiting = [], []
    for inquiry in inquiries:
        quotation = quotations.get(inquiry.pk)
        if quotation is None:
            waiting.append(inquiry)
            continue
        conversion = rates.get(quotation.currency_id)
        if conversion is None:
            rows.append(ComparedQuotation(inquiry, quotation, None, None, None))
            continue
        unit_price = _apply(conversion, quotation.unit_price)
        total = _apply(conversion, quotation.unit_price * quotation.quantity)
        rows.append(ComparedQuotation(inquiry, quotation, unit_price, total, conversion))
    rows.sort(key=lambda r: (r.total is None, r.total or 0, r.quotation.unit_price))
    return Comparison(
        currency=currency,
        on_date=on_date,
        rows=rows,
        waiting=waiting,
        uses_demo_rates=any(r.conversion and r.conversion.is_demo for r in rows),
        missing_rates=sorted({r.quotation.currency_id for r in rows if r.conversion is None}),
    )
