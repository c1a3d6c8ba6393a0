"""Reads of freight for pages and API alike: the public lane rates and service offers, a provider's
own, the providers serving a lane, a shipper's requests with the comparison of their quotes, a
provider's inbox, the threads — and :func:`booking_details`, what a shipment needs from a booked quote.

Private rows are fetched through ``visible_to``/``member_of``: a third party gets 404 (or an empty
list); a provider sees its own inquiry only, never the request (which names every provider asked)
nor another provider's quotes."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from scotemp.reference import fx

from ..choices.freight import OPEN_FREIGHT_INQUIRY, PROVIDER_ACTIVITIES, FreightQuoteStatus
from ..models import (
    FreightAttachment,
    FreightInquiry,
    FreightMessage,
    FreightQuote,
    FreightRequest,
    FreightThreadRead,
    LaneRate,
    ServiceOffer,
)

LIVE_QUOTE_STATUSES = (FreightQuoteStatus.CURRENT, FreightQuoteStatus.BOOKED)
RATE_RELATED = ("provider", "provider__country", "origin", "destination", "currency")


# --- lane rates and service offers -----------------------------------------------------------------


def current_lane_rates(origin=None, destination=None, mode=None, equipment=None, provider=None):
    """Current lane rates (valid today, not withdrawn), filtered by UN/LOCODE, mode, equipment."""
    qs = LaneRate.objects.current().select_related(*RATE_RELATED)
    if origin:
        qs = qs.filter(origin_id=str(origin).upper())
    if destination:
        qs = qs.filter(destination_id=str(destination).upper())
    if mode:
        qs = qs.filter(mode=mode)
    if equipment:
        qs = qs.filter(equipment=equipment)
    if provider:
        qs = qs.filter(provider__public_id=provider)
    return qs.order_by("origin_id", "destination_id", "mode", "price", "pk")


def my_lane_rates(user):
    """The lane rates of the organizations ``user`` acts for, withdrawn ones last."""
    return (
        LaneRate.objects.member_of(user)
        .select_related(*RATE_RELATED)
        .order_by("withdrawn_at", "-valid_until", "-pk")
    )


def lane_rate_to_edit(user, public_id) -> LaneRate:
    return get_object_or_404(
        LaneRate.objects.member_of(user).select_related(*RATE_RELATED), public_id=public_id
    )


def service_offers(kind=None, country=None, place=None, provider=None):
    """Active service offers, filtered by kind, country served (ISO alpha-2) or place served."""
    qs = ServiceOffer.objects.active().select_related("provider", "provider__country")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(Q(countries__iso2=str(country).upper()) | Q(places__country_id=str(country).upper()))
    if place:
        qs = qs.filter(places__locode=str(place).upper())
    if provider:
        qs = qs.filter(provider__public_id=provider)
    return qs.prefetch_related("countries", "places").distinct().order_by("kind", "-created_at", "pk")


def my_service_offers(user):
    return (
        ServiceOffer.objects.member_of(user)
        .select_related("provider")
        .prefetch_related("countries", "places")
        .order_by("withdrawn_at", "-created_at")
    )


def service_offer_to_edit(user, public_id) -> ServiceOffer:
    return get_object_or_404(ServiceOffer.objects.member_of(user), public_id=public_id)


def lane_provider_ids(origin, destination, on: datetime.date | None = None) -> list[int]:
    """Providers serving a lane: a current lane rate origin → destination, or an active service offer
    naming either place or its country. Only organizations with a provider activity count."""
    by_rate = (
        LaneRate.objects.current(on)
        .filter(origin=origin, destination=destination)
        .values_list("provider_id", flat=True)
    )
    by_offer = (
        ServiceOffer.objects.active()
        .filter(
            Q(places__in=[origin.pk, destination.pk])
            | Q(countries__in=[origin.country_id, destination.country_id])
        )
        .values_list("provider_id", flat=True)
    )
    from scotemp.directory.models import ProfileActivity

    providers = set(
        ProfileActivity.objects.filter(activity__in=PROVIDER_ACTIVITIES).values_list(
            "profile__organization_id", flat=True
        )
    )
    return sorted((set(by_rate) | set(by_offer)) & providers)


def provider_choices(exclude_org_id=None):
    """Organizations with a provider activity, by name (for the request form)."""
    from scotemp.accounts.models import Organization
    from scotemp.directory.models import ProfileActivity

    ids = ProfileActivity.objects.filter(activity__in=PROVIDER_ACTIVITIES).values("profile__organization_id")
    qs = Organization.objects.filter(pk__in=ids).select_related("country").order_by("name")
    if exclude_org_id:
        qs = qs.exclude(pk=exclude_org_id)
    return qs


# --- requests, inquiries, quotes, threads ----------------------------------------------------------

REQUEST_RELATED = ("origin", "destination", "hs_code", "incoterm", "shipper")
INQUIRY_RELATED = (
    *(f"request__{r}" for r in REQUEST_RELATED),
    "request",
    "shipper",
    "provider",
    "provider__country",
)


def requests_for(user, status=None):
    """The freight requests of the organizations ``user`` acts for, newest first."""
    qs = (
        FreightRequest.objects.member_of(user)
        .select_related(*REQUEST_RELATED)
        .annotate(
            n_inquiries=Count("inquiries", distinct=True),
            n_quoted=Count(
                "inquiries", filter=Q(inquiries__quotes__status__in=["current", "booked"]), distinct=True
            ),
        )
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def request_for_shipper(user, public_id) -> FreightRequest:
    """A request for its shipper's members only: it names every provider asked."""
    return get_object_or_404(
        FreightRequest.objects.member_of(user).select_related(*REQUEST_RELATED), public_id=public_id
    )


def _with_unread(qs, user):
    read_at = FreightThreadRead.objects.filter(inquiry=OuterRef("pk"), user=user).values("read_at")[:1]
    qs = qs.annotate(read_at=Subquery(read_at))
    by_others = FreightMessage.objects.filter(inquiry=OuterRef("pk")).exclude(author=user)

    def count(messages):
        counted = messages.order_by().values("inquiry").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return qs.annotate(
        unread=Case(
            When(read_at__isnull=True, then=count(by_others)),
            default=count(by_others.filter(created_at__gt=OuterRef("read_at"))),
            output_field=IntegerField(),
        )
    )


def inquiries_for(user, role=None, status=None):
    """Freight inquiries ``user`` takes part in (``role``: "shipper" sent, "provider" received)."""
    if role in ("shipper", "provider"):
        qs = FreightInquiry.objects.on_side(user, role)
    else:
        qs = FreightInquiry.objects.member_of(user)
    if status:
        qs = qs.filter(status=status)
    live = (
        FreightQuote.objects.filter(status__in=LIVE_QUOTE_STATUSES)
        .select_related("currency")
        .order_by("-version")
    )
    qs = qs.select_related(*INQUIRY_RELATED).prefetch_related(
        Prefetch("quotes", queryset=live, to_attr="live_quotes")
    )
    return _with_unread(qs, user).order_by("-updated_at", "-pk")


def inquiry_for_viewer(user, public_id) -> FreightInquiry:
    return get_object_or_404(
        FreightInquiry.objects.visible_to(user).select_related(*INQUIRY_RELATED), public_id=public_id
    )


def inquiries_of(freight_request):
    return _order(freight_request.inquiries.select_related("provider", "provider__country"))


def _order(qs):
    return qs.order_by("pk")


def quotes_of(inquiry):
    """Every version of the inquiry's quote, newest first."""
    return inquiry.quotes.select_related("currency").order_by("-version")


def quote_for_viewer(user, public_id) -> FreightQuote:
    return get_object_or_404(
        FreightQuote.objects.visible_to(user).select_related("currency", "inquiry", "inquiry__request"),
        public_id=public_id,
    )


def thread_of(inquiry):
    return (
        FreightMessage.objects.filter(inquiry=inquiry)
        .select_related("author", "organization")
        .prefetch_related(Prefetch("attachments", queryset=FreightAttachment.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def attachment_for_viewer(user, public_id) -> FreightAttachment:
    return get_object_or_404(
        FreightAttachment.objects.visible_to(user).select_related("message__inquiry"), public_id=public_id
    )


# --- the comparison ---------------------------------------------------------------------------------


@dataclass
class QuoteRow:
    inquiry: FreightInquiry
    quote: FreightQuote
    total: Decimal | None  # price × units where the basis is per unit, converted; None without a rate
    conversion: object | None
    expired: bool
    total_quoted: Decimal = Decimal(0)


@dataclass
class Comparison:
    currency: str
    on_date: datetime.date
    rows: list = field(default_factory=list)
    waiting: list = field(default_factory=list)  # inquiries without a current quote
    missing_rates: list = field(default_factory=list)
    uses_demo_rates: bool = False

    @property
    def best(self):
        totals = [r.total for r in self.rows if r.total is not None and not r.expired]
        return min(totals) if totals else None


PER_UNIT_BASES = {"container", "wagon", "truck"}


def quoted_total(quote: FreightQuote, freight_request: FreightRequest) -> Decimal:
    """What the quote costs for the whole request: per container/wagon/truck × units, per tonne ×
    weight, per kg, per m³ × volume (when given), else the price itself."""
    basis = quote.basis
    if basis in PER_UNIT_BASES:
        return quote.price * freight_request.units
    if basis == "tonne":
        return (quote.price * freight_request.weight_kg / 1000).quantize(Decimal("0.01"))
    if basis == "kg":
        return (quote.price * freight_request.weight_kg).quantize(Decimal("0.01"))
    if basis == "cbm" and freight_request.volume_m3:
        return (quote.price * freight_request.volume_m3).quantize(Decimal("0.01"))
    return quote.price


def comparison_of(freight_request: FreightRequest, currency: str = "CNY", on_date=None) -> Comparison:
    """The current and booked quotes of a request side by side, totals converted to ``currency`` at the
    latest stored rate (cheapest first; unconverted rows at the end), with the inquiries still waiting."""
    on_date = on_date or timezone.localdate()
    comparison = Comparison(currency=currency, on_date=on_date)
    inquiries = list(inquiries_of(freight_request))
    quotes = {
        q.inquiry_id: q
        for q in FreightQuote.objects.filter(
            inquiry__request=freight_request,
            status__in=[FreightQuoteStatus.CURRENT, FreightQuoteStatus.BOOKED],
        ).select_related("currency")
    }
    codes = {q.currency_id for q in quotes.values()}
    rates = fx.rates_for(codes, currency, on_date)
    for inquiry in inquiries:
        quote = quotes.get(inquiry.pk)
        if quote is None:
            comparison.waiting.append(inquiry)
            continue
        total_quoted = quoted_total(quote, freight_request)
        unit_rate = rates.get(quote.currency_id)
        total = None
        if unit_rate is not None:
            total = (total_quoted * unit_rate.rate).quantize(Decimal("0.01"))
            comparison.uses_demo_rates |= unit_rate.is_demo and quote.currency_id != currency
        elif quote.currency_id not in comparison.missing_rates:
            comparison.missing_rates.append(quote.currency_id)
        comparison.rows.append(
            QuoteRow(inquiry, quote, total, unit_rate, quote.valid_until < on_date, total_quoted)
        )
    comparison.rows.sort(key=lambda r: (r.total is None, r.total or 0, r.quote.transit_days_max))
    return comparison


def open_inquiry_count(freight_request) -> int:
    return freight_request.inquiries.filter(status__in=OPEN_FREIGHT_INQUIRY).count()


# --- booking → shipment ------------------------------------------------------------------------------


def booking_details(quote: FreightQuote) -> dict:
    """Everything a shipment needs from a booked quote: places, provider, shipper, cargo, equipment,
    the deal (or None), the quote's price, transit and validity. Raises ``ValueError`` for a quote
    that is not booked."""
    quote = FreightQuote.objects.select_related(
        "currency",
        "inquiry__provider",
        "inquiry__shipper",
        "inquiry__request__origin",
        "inquiry__request__destination",
        "inquiry__request__hs_code",
        "inquiry__request__incoterm",
        "inquiry__request__deal",
    ).get(pk=quote.pk)
    if quote.status != FreightQuoteStatus.BOOKED:
        raise ValueError("only a booked quote describes a shipment")
    inquiry = quote.inquiry
    req = inquiry.request
    return {
        "quote": quote,
        "freight_request": req,
        "provider": inquiry.provider,
        "shipper": inquiry.shipper,
        "deal": req.deal,
        "origin": req.origin,
        "destination": req.destination,
        "goods": req.goods,
        "hs_code": req.hs_code,
        "weight_kg": req.weight_kg,
        "volume_m3": req.volume_m3,
        "equipment": req.equipment,
        "units": req.units,
        "ready_date": req.ready_date,
        "incoterm": req.incoterm,
        "price": quote.price,
        "currency": quote.currency_id,
        "basis": quote.basis,
        "transit_days_min": quote.transit_days_min,
        "transit_days_max": quote.transit_days_max,
        "booked_at": quote.booked_at,
    }
