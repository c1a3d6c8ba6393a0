"""The event report for its organizers and the operator: registrations by attendee type and by
country (and how many checked in); B2B meetings requested, accepted, scheduled and held; the
outcomes both sides recorded; the RFQs, deals and cooperation agreements that came from the event's
meetings, with their value in USD and CNY.

A meeting counts as held when both sides recorded an outcome, or both sides checked in at the event.
Values: an RFQ's is its target unit price × quantity (an RFQ without a target price has none), at the
rate of the day it was sent; a deal's is its agreed unit price × quantity, at the rate of the day of
agreement (a deal not agreed yet has none). A value with no rate to USD or CNY is counted apart
(``unconverted``), never as zero. A fixed number of queries whatever the size of the event."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from scotemp.core.text import sorted_by_name
from scotemp.reference.fx import RateBook
from scotemp.reference.models import Country

from ..choices import SEATED, AttendeeType, MeetingStatus, Outcome, RequestStatus
from ..models import B2BSession, Meeting, MeetingOutcome, MeetingRequest, Registration

CURRENCIES = ("USD", "CNY")
ZERO = Decimal("0.00")


@dataclass
class Value:
    count: int = 0
    usd: Decimal = ZERO
    cny: Decimal = ZERO
    unpriced: int = 0  # no price to value (an RFQ without a target price, a deal not agreed yet)
    unconverted: int = 0  # a price in a currency with no rate to USD or CNY on its day
    demo_rates: bool = False

    @property
    def valued(self) -> int:
        """How many have a value in the totals (the others are counted apart, never as zero)."""
        return self.count - self.unpriced - self.unconverted


@dataclass
class EventReport:
    registrations: int = 0
    checked_in: int = 0
    by_type: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, count)
    by_country: list[tuple[str, str, int]] = field(default_factory=list)  # (iso2, name, count)
    has_b2b: bool = False
    requested: int = 0
    accepted: int = 0
    scheduled: int = 0
    held: int = 0
    outcomes: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, count)
    agreements: int = 0
    rfqs: Value = field(default_factory=Value)
    deals: Value = field(default_factory=Value)


def _registrations(event, report: EventReport) -> None:
    rows = (
        Registration.objects.filter(event=event, status__in=SEATED)
        .values_list("attendee_type", "organization__country_id")
        .annotate(n=Count("id"), arrived=Count("id", filter=Q(checked_in_at__isnull=False)))
        .order_by()
    )
    by_type: Counter = Counter()
    by_country: Counter = Counter()
    for kind, country, n, arrived in rows:
        by_type[kind] += n
        by_country[country or ""] += n
        report.registrations += n
        report.checked_in += arrived
    labels = dict(AttendeeType.choices)
    report.by_type = [
        (code, str(labels[code]), by_type[code]) for code in AttendeeType.values if by_type[code]
    ]
    countries = sorted_by_name(
        Country.objects.filter(iso2__in=[c for c in by_country if c]), name=lambda c: c.name
    )
    report.by_country = sorted(
        [(c.iso2, c.name, by_country[c.iso2]) for c in countries], key=lambda row: -row[2]
    )  # stable: equal counts keep the reader's alphabetical order
    if by_country.get(""):
        from django.utils.translation import gettext as _

        report.by_country.append(("", _("No organization"), by_country[""]))


def _meetings(session, report: EventReport) -> list[int]:
    """Fills the meeting figures; returns the ids of the live meetings (for the outcomes)."""
    counts = dict(
        MeetingRequest.objects.filter(session=session)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    report.requested = sum(counts.values())
    report.accepted = counts.get(RequestStatus.ACCEPTED, 0)
    rows = list(
        Meeting.objects.filter(session=session)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(
            sides=Count("outcomes__participant", distinct=True),
            arrived=Count(
                "request__requester",
                filter=Q(request__requester__registration__checked_in_at__isnull=False)
                & Q(request__recipient__registration__checked_in_at__isnull=False),
                distinct=True,
            ),
        )
        .values_list("id", "sides", "arrived")
    )
    report.scheduled = len(rows)
    report.held = sum(1 for _id, sides, arrived in rows if sides >= 2 or arrived)
    return [row[0] for row in rows]


def _day(value) -> datetime.date:
    return timezone.localtime(value).date()


def _value(rows, report_value: Value, rates: RateBook) -> None:
    """``rows``: (amount or None, currency or None, day or None) per RFQ or deal."""
    for amount, currency, day in rows:
        report_value.count += 1
        if amount is None or not currency or day is None:
            report_value.unpriced += 1
            continue
        converted = {code: rates.convert(amount, currency, code, day) for code in CURRENCIES}
        if any(c is None for c in converted.values()):
            report_value.unconverted += 1
            continue
        report_value.demo_rates |= any(c.is_demo for c in converted.values())
        report_value.usd += converted["USD"].amount
        report_value.cny += converted["CNY"].amount


def _outcomes(meeting_ids, report: EventReport) -> None:
    from scotemp.deals.models import Deal, Rfq

    outcomes = list(
        MeetingOutcome.objects.filter(meeting_id__in=meeting_ids).values_list(
            "meeting_id", "outcome", "rfq_id", "deal_id"
        )
    )
    counts = Counter(kind for _m, kind, _r, _d in outcomes)
    labels = dict(Outcome.choices)
    report.outcomes = [(code, str(labels[code]), counts[code]) for code in Outcome.values if counts[code]]
    report.agreements = len({m for m, kind, _r, _d in outcomes if kind == Outcome.AGREEMENT})
    rfq_ids = {r for _m, _k, r, _d in outcomes if r}
    deal_ids = {d for _m, _k, _r, d in outcomes if d}
    rfqs = list(
        Rfq.objects.filter(pk__in=rfq_ids).values_list(
            "target_price", "quantity", "currency_id", "created_at"
        )
    )
    deals = list(
        Deal.objects.filter(pk__in=deal_ids).values_list(
            "agreed_terms__unit_price", "agreed_terms__quantity", "agreed_terms__currency_id", "agreed_at"
        )
    )
    rfq_rows = [
        (price * qty if price is not None and qty is not None else None, cur, _day(at) if at else None)
        for price, qty, cur, at in rfqs
    ]
    deal_rows = [
        (price * qty if price is not None and qty is not None else None, cur, _day(at) if at else None)
        for price, qty, cur, at in deals
    ]
    days = [day for _a, _c, day in rfq_rows + deal_rows if day is not None]
    codes = {cur for _a, cur, _d in rfq_rows + deal_rows if cur} | set(CURRENCIES)
    rates = RateBook(codes, days)
    _value(rfq_rows, report.rfqs, rates)
    _value(deal_rows, report.deals, rates)


def event_report(event) -> EventReport:
    report = EventReport()
    _registrations(event, report)
    session = B2BSession.objects.filter(event=event).first()
    meeting_ids: list[int] = []
    if session is not None:
        report.has_b2b = True
        meeting_ids = _meetings(session, report)
    _outcomes(meeting_ids, report)
    return report
