"""Quotations of an RFQ on one delivered-cost basis: each quotation's price plus what its Incoterms
rule leaves with the buyer, duty and VAT at the buyer's place, in one currency.

The buyer's place is the RFQ's named place when its rule is a C or D rule (the goods are to arrive
there), else the buyer organization's city, else the RFQ's named place. Schedules and exchange rates
are read once for all quotations (:class:`.schedules.ScheduleBook`, one shared rate dict)."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from scotemp.reference import fx

from .breakdown import CostInput, LandedCost, Money
from .calculator import landed_cost
from .incoterms import E_F_RULES, buyer_pays
from .schedules import ScheduleBook


@dataclass
class Delivered:
    """The delivered cost of one quotation, or why there is none (``error``)."""

    cost: LandedCost | None
    error: str = ""

    @property
    def sort_key(self):
        # Cheapest first; an incomplete total is a lower bound ("at least") and ranks by it, after a
        # complete total of the same amount; quotations without a delivered cost come last.
        if self.cost is None:
            return (1, Decimal(0), 1)
        return (0, self.cost.total, 0 if self.cost.complete else 1)


def lowest_complete(delivered: dict[int, "Delivered"]) -> Decimal | None:
    """The lowest delivered total when it is complete and no incomplete total could still be lower
    (its known part is already above it), among two or more; else None: no quotation is called the
    lowest while an unknown figure could change the order."""
    costs = [d.cost for d in delivered.values() if d.cost is not None]
    if len(costs) < 2:
        return None
    cheapest = min(costs, key=lambda c: (c.total, not c.complete))
    if not cheapest.complete:
        return None
    return cheapest.total


def buyer_place(rfq):
    if buyer_pays(rfq.incoterm_id).family in ("C", "D"):
        return rfq.incoterm_place
    return rfq.buyer.city or rfq.incoterm_place


def delivered_costs(
    rfq, quotations_with_sellers, currency: str, on_date=None, rates: dict | None = None
) -> dict[int, Delivered]:
    """``{quotation.pk: Delivered}`` for ``[(quotation, seller organization), …]`` of ``rfq``, in
    ``currency`` at the buyer's place. Quotations need ``incoterm_place`` loaded. ``rates``: the
    conversions into ``currency`` already fetched (``{code: fx.Conversion}``), completed as needed."""
    on_date = on_date or timezone.localdate()
    place = buyer_place(rfq)
    hs_code = rfq.hs_code_id

    def origin_country(quotation, seller):
        if quotation.incoterm_id in E_F_RULES:
            return quotation.incoterm_place.country_id
        return seller.country_id

    countries = {place.country_id} | {origin_country(q, s) for q, s in quotations_with_sellers}
    book = ScheduleBook(countries, {hs_code}, on_date)
    # Every quoted currency's rate in one read (two queries), not one read per new currency.
    rates = dict(rates or {})
    wanted = {q.currency_id for q, _s in quotations_with_sellers} - set(rates) - {currency}
    if wanted:
        rates.update(fx.rates_for(wanted, currency, on_date))
        rates.update({code: None for code in wanted - set(rates)})
    result = {}
    for quotation, seller in quotations_with_sellers:
        family = buyer_pays(quotation.incoterm_id).family
        inp = CostInput(
            hs_code=hs_code,
            origin=quotation.incoterm_place,
            destination=place,
            incoterm=quotation.incoterm_id,
            goods=Money(quotation.unit_price * quotation.quantity, quotation.currency_id),
            quantity=quotation.quantity,
            unit=quotation.unit_id,
            target_currency=currency,
            origin_country=origin_country(quotation, seller),
            named_place=quotation.incoterm_place if family != "E/F" else None,
        )
        try:
            result[quotation.pk] = Delivered(landed_cost(inp, book=book, rates=rates, on_date=on_date))
        except ValidationError as exc:
            result[quotation.pk] = Delivered(None, " ".join(exc.messages))
    return result
