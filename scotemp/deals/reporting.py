"""The deals report: how many deals reached agreement and for how much, per committee, per country pair
(seller's country → buyer's country) and per month, in US dollars and in yuan.

This is the query behind the operator's report page and the analytics work: plain dataclasses, no view
logic. It reads aggregates over every deal of the platform, so only operators should be shown it; it
carries no names of parties or goods (a deal that could not be converted is named by its public id).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.reference.fx import RateBook

from .choices import DealStatus
from .models import Deal

REPORT_CURRENCIES = ("USD", "CNY")
ZERO = Decimal("0.00")


@dataclass
class ReportRow:
    """One group of the report. ``deals`` counts the deals that reached agreement and were not cancelled;
    ``cancelled`` counts those cancelled after agreement (their value is not in ``value_usd`` /
    ``value_cny``). ``unconverted`` counts the deals of ``deals`` left out of the values for lack of a
    rate."""

    key: object
    label: str
    deals: int = 0
    cancelled: int = 0
    unconverted: int = 0
    value_usd: Decimal = ZERO
    value_cny: Decimal = ZERO


@dataclass(frozen=True)
class UnconvertedDeal:
    """A deal whose agreed value has no rate to USD or CNY on its day of agreement."""

    public_id: object
    agreed_on: datetime.date
    currency: str
    amount: Decimal


@dataclass
class DealReport:
    """The report for one filter. Rows of each grouping are ordered by value (largest first), months by
    date; ``totals`` sums every row of one grouping. ``uses_demo_rates`` is true when any conversion
    rested on an invented demo rate (pages must say so)."""

    date_from: datetime.date | None
    date_to: datetime.date | None
    committee: object
    by_committee: list[ReportRow] = field(default_factory=list)
    by_country_pair: list[ReportRow] = field(default_factory=list)
    by_month: list[ReportRow] = field(default_factory=list)
    totals: ReportRow = field(default_factory=lambda: ReportRow(key=None, label=""))
    uses_demo_rates: bool = False
    unconverted: list[UnconvertedDeal] = field(default_factory=list)


def _label(groups: dict, totals: "ReportRow") -> None:
    """Names of the committees and countries in the active language: two small queries for the keys
    that occur, after the rows are counted."""
    from scotemp.committees.models import Committee
    from scotemp.reference.models import Country

    committees = Committee.objects.in_bulk([key for key in groups["committee"] if key is not None])
    codes = {code for pair in groups["pair"] for code in pair if code}
    countries = Country.objects.in_bulk(list(codes))

    def country(code) -> str:
        return countries[code].name if code in countries else _("Unknown country")

    totals.label = _("Total")
    for key, row in groups["committee"].items():
        row.label = committees[key].name if key in committees else _("No committee")
    for (seller, buyer), row in groups["pair"].items():
        row.label = f"{country(seller)} → {country(buyer)}"


def deal_report(
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    committee=None,
) -> DealReport:
    """Deals that reached agreement (``agreed_at`` set: agreed, contract signed, in fulfilment, completed)
    with their day of agreement (local date of ``agreed_at``) between ``date_from`` and ``date_to``
    (both included, either open), optionally of one ``committee`` (a Committee or its pk).

    The value of a deal is its agreed terms' unit price × quantity in their currency, converted to USD
    and to CNY at the rate of the day of agreement (as :func:`scotemp.reference.fx.convert` does, each
    deal rounded to cents, then summed). Deals cancelled after agreement are counted apart (``cancelled``)
    and their value is left out; deals cancelled while negotiating never reached agreement and are not in
    the report. A deal without a rate is counted in ``deals`` but not in the values and is listed in
    ``unconverted``. Six queries whatever the number of deals: the deals with their terms, the rates (a
    :class:`~scotemp.reference.fx.RateBook`, three), then the names of the committees and countries."""
    deals = Deal.objects.filter(agreed_at__isnull=False, agreed_terms__isnull=False)
    if date_from is not None:
        deals = deals.filter(agreed_at__date__gte=date_from)
    if date_to is not None:
        deals = deals.filter(agreed_at__date__lte=date_to)
    if committee is not None:
        deals = deals.filter(committee=committee)
    # Plain tuples: building model objects for the joined rows was 70 % of the time at 10,000 deals.
    rows_of_deals = list(
        deals.order_by("agreed_at", "pk").values_list(
            "public_id",
            "status",
            "agreed_at",
            "committee_id",
            "seller__country_id",
            "buyer__country_id",
            "agreed_terms__unit_price",
            "agreed_terms__quantity",
            "agreed_terms__currency_id",
        )
    )
    report = DealReport(date_from=date_from, date_to=date_to, committee=committee)
    days = [timezone.localtime(row[2]).date() for row in rows_of_deals]
    rates = RateBook({row[8] for row in rows_of_deals} | set(REPORT_CURRENCIES), days)

    groups = {"committee": {}, "pair": {}, "month": {}}
    totals = ReportRow(key=None, label="")
    for (
        public_id,
        status,
        _at,
        committee_id,
        seller_country,
        buyer_country,
        price,
        quantity,
        currency,
    ), day in zip(rows_of_deals, days, strict=True):
        rows = [
            totals,
            groups["committee"].setdefault(committee_id, ReportRow(key=committee_id, label="")),
            groups["pair"].setdefault(
                (seller_country, buyer_country), ReportRow(key=(seller_country, buyer_country), label="")
            ),
            groups["month"].setdefault(day.replace(day=1), ReportRow(key=day.replace(day=1), label="")),
        ]
        if status == DealStatus.CANCELLED:
            for row in rows:
                row.cancelled += 1
            continue
        amount = price * quantity
        converted = {code: rates.convert(amount, currency, code, day) for code in REPORT_CURRENCIES}
        for row in rows:
            row.deals += 1
        if any(c is None for c in converted.values()):
            report.unconverted.append(UnconvertedDeal(public_id, day, currency, amount))
            for row in rows:
                row.unconverted += 1
            continue
        report.uses_demo_rates |= any(c.is_demo for c in converted.values())
        for row in rows:
            row.value_usd += converted["USD"].amount
            row.value_cny += converted["CNY"].amount
    _label(groups, totals)

    def by_value(row):
        return (-row.value_usd, -row.deals, row.label)

    report.by_committee = sorted(groups["committee"].values(), key=by_value)
    report.by_country_pair = sorted(groups["pair"].values(), key=by_value)
    report.by_month = sorted(groups["month"].values(), key=lambda row: row.key)
    report.totals = totals
    return report
