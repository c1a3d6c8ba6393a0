"""The delivered-cost breakdown of one purchase (:func:`landed_cost`).

What the buyer pays beyond the seller's price follows the Incoterms rule (:mod:`.incoterms`): main
carriage (given, else the route planner's estimate, else "not estimated" and the total is
incomplete — never a silent 0), cargo insurance (given, else an assumption of
:data:`INSURANCE_ASSUMPTION_PCT` % of the CIF value, labelled as such), import duty on the customs value
(CIF-equivalent at the border: China and the EAEU value imports on CIF), import VAT on the customs value
plus the duty (excise and consumption tax are not modelled), and fees. Every line is converted into
one currency at the stored rate of its day and rounded to cents; the total is the sum of the lines'
amounts, exactly. A figure nothing supports stays unknown (``amount=None``) and makes the total
incomplete.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from ...choices.costs import CostLine, Payer
from .. import routes
from . import taxes
from .breakdown import HUNDRED, Converter, CostInput, LandedCost, Line, Money, _, cents
from .incoterms import SOURCE as INCOTERMS_SOURCE
from .incoterms import buyer_pays
from .schedules import ScheduleBook
from .units import mass_kg

INSURANCE_ASSUMPTION_PCT = Decimal("0.3")


def _freight(inp: CostInput, pays, start) -> tuple[Money | None, Line]:
    line = Line(CostLine.FREIGHT, _("Main carriage"), None, Payer.BUYER)
    if inp.freight is not None:
        line.notes.append(_("As given."))
        return inp.freight, line
    cargo = routes.Cargo(hs_code=inp.hs_code, weight_kg=mass_kg(inp.quantity, inp.unit))
    estimate = routes.freight_estimate(start.locode, inp.destination.locode, cargo)
    if estimate is None:
        line.notes.append(
            _("Freight not estimated: no rate or published figure for this lane. Give the freight.")
        )
        line.estimate = True
        return None, line
    middle = (Decimal(estimate.amount_min) + Decimal(estimate.amount_max)) / 2
    line.estimate = True
    line.indicative = estimate.basis != "lane_rates"
    line.source, line.source_date = estimate.source, str(estimate.as_of)
    line.notes.append(
        _("Estimate %(min)s–%(max)s %(currency)s (%(basis)s); the middle of the range is used.")
        % {
            "min": estimate.amount_min,
            "max": estimate.amount_max,
            "currency": estimate.currency,
            "basis": _("forwarders' current lane rates")
            if estimate.basis == "lane_rates"
            else _("indicative figure"),
        }
    )
    return Money(middle, estimate.currency), line


def landed_cost(
    inp: CostInput,
    book: ScheduleBook | None = None,
    rates: dict | None = None,
    on_date: datetime.date | None = None,
) -> LandedCost:
    """The breakdown of ``inp``. ``book`` and ``rates`` (a dict shared between calls) let many
    calculations read the schedules and exchange rates once. Raises ``ValidationError`` naming the
    input field when a currency has no rate or a quantity does not convert into a duty's unit."""
    on_date = on_date or timezone.localdate()
    country = inp.destination.country_id
    origin_country = inp.origin_country or inp.origin.country_id
    target = inp.target_currency or getattr(inp.destination.country, "currency_id", None) or ""
    if not target:
        raise ValidationError({"target_currency": _("Choose the currency of the result.")}, code="required")
    if book is None:
        book = ScheduleBook({country, origin_country}, {inp.hs_code}, on_date)
    convert = Converter(target, on_date, rates)
    pays = buyer_pays(inp.incoterm)
    notes = []

    goods_line = Line(
        CostLine.GOODS, _("Goods (seller's price, %(rule)s)") % {"rule": inp.incoterm}, None, Payer.BUYER
    )
    goods_line.source = INCOTERMS_SOURCE
    goods = goods_line.amount = convert(inp.goods, goods_line, "currency")

    # Main carriage: the buyer's for E/F rules; for C and D rules it is in the price, and the buyer
    # pays the on-carriage when the named place is not the buyer's place.
    named = inp.named_place
    on_carriage = pays.family != "E/F" and named is not None and named.locode != inp.destination.locode
    if pays.carriage or on_carriage:
        money, freight_line = _freight(inp, pays, inp.origin if pays.carriage else named)
        if on_carriage:
            freight_line.label = _("On-carriage from %(place)s") % {"place": named.name}
        if money is not None:
            freight_line.amount = convert(money, freight_line, "freight")
    else:
        freight_line = Line(
            CostLine.FREIGHT, _("Main carriage"), Decimal("0.00"), Payer.SELLER, included=True
        )
    freight_paid = freight_line.amount if not freight_line.included else Decimal(0)

    if pays.insurance:
        insurance_line = Line(CostLine.INSURANCE, _("Cargo insurance"), None, Payer.BUYER)
        if inp.insurance is not None:
            insurance_line.amount = convert(inp.insurance, insurance_line, "insurance")
        else:
            base = goods + (freight_paid or Decimal(0))
            insurance_line.amount = cents(base * INSURANCE_ASSUMPTION_PCT / HUNDRED)
            insurance_line.original_amount, insurance_line.original_currency = insurance_line.amount, target
            insurance_line.rate_pct, insurance_line.estimate = INSURANCE_ASSUMPTION_PCT, True
            insurance_line.notes.append(
                _("Assumption, not a quote: %(pct)s%% of the CIF value; give the premium if you have one.")
                % {"pct": INSURANCE_ASSUMPTION_PCT}
            )
    else:
        insurance_line = Line(
            CostLine.INSURANCE, _("Cargo insurance"), Decimal("0.00"), Payer.SELLER, included=True
        )
        if pays.family == "D":
            insurance_line.notes.append(_("The seller bears the risk to the named place."))

    # Customs value: CIF-equivalent at the border.
    carriage_known = freight_line.amount is not None
    customs_value = goods + (freight_paid if pays.carriage and carriage_known else Decimal(0))
    customs_value += (
        insurance_line.amount if not insurance_line.included and pays.family != "D" else Decimal(0)
    )
    customs_value = cents(customs_value)
    basis = _(
        "Customs value: the CIF/CIP-equivalent value at the border (China and the EAEU value imports on CIF)."
    )
    if pays.family == "D":
        basis += " " + _(
            "The D-rule price stands for it: carriage beyond the border within the price is not deducted."
        )
    if pays.carriage and not carriage_known:
        notes.append(_("The customs value leaves out the freight not estimated: duty and VAT are too low."))

    duty_line = taxes.duty(inp, pays, book, country, origin_country, customs_value, convert)
    duty_known = duty_line.amount is not None
    vat_base = customs_value + (duty_line.amount if duty_known and not duty_line.included else Decimal(0))
    vat_line = taxes.vat(inp, pays, book, country, origin_country, vat_base, duty_known)

    lines = [goods_line, freight_line, insurance_line, duty_line, vat_line]
    if inp.fees is not None:
        fees_line = Line(CostLine.FEES, _("Fees"), None, Payer.BUYER)
        fees_line.amount = convert(inp.fees, fees_line, "fees")
        lines.append(fees_line)
    else:
        notes.append(
            _("No fees given: customs brokerage, terminal handling and delivery to the door are not counted.")
        )
    notes.append(_("Most-favoured-nation rates; trade preferences and anti-dumping duties are not modelled."))
    total = sum((line.amount for line in lines if line.amount is not None), Decimal("0.00"))
    return LandedCost(
        lines=lines,
        total=total,
        currency=target,
        complete=all(line.amount is not None for line in lines),
        customs_value=customs_value,
        customs_basis=basis,
        incoterm=inp.incoterm,
        family=pays.family,
        on_date=on_date,
        notes=notes,
    )
