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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, gettext

from scotemp.reference import fx

from ...choices.costs import CompoundRule, CostLine, DutyKind, Payer, Quota
from .. import routes
from .incoterms import SOURCE as INCOTERMS_SOURCE
from .incoterms import buyer_pays
from .schedules import ScheduleBook
from .units import UnitMismatch, convert_quantity, mass_kg

_TRANSLATED: dict = {}


def _(message: str) -> str:
    """``gettext`` remembered per language: a comparison of 20 quotations asks for the same labels
    and notes a few hundred times."""
    key = (get_language(), message)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = gettext(message)
    return found


CENT = Decimal("0.01")
HUNDRED = Decimal(100)
INSURANCE_ASSUMPTION_PCT = Decimal("0.3")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


@dataclass
class CostInput:
    """One purchase: goods of ``hs_code`` bought on ``incoterm`` at ``goods`` (the seller's total price),
    carried from ``origin`` to ``destination`` (the buyer's place; its country imports).
    ``named_place``: the rule's named place when it is not ``destination`` for a C or D rule (the buyer
    then pays the on-carriage from it)."""

    hs_code: str
    origin: object  # reference.Location
    destination: object  # reference.Location, with its country
    incoterm: str
    goods: Money
    quantity: Decimal
    unit: str
    freight: Money | None = None
    insurance: Money | None = None
    fees: Money | None = None
    target_currency: str = ""
    origin_country: str = ""  # defaults to the origin's country
    named_place: object = None


@dataclass
class Line:
    kind: str
    label: str
    amount: Decimal | None  # in the target currency; None: not known
    payer: str
    included: bool = False  # in the seller's price
    original_amount: Decimal | None = None
    original_currency: str = ""
    fx_rate: Decimal | None = None
    fx_date: datetime.date | None = None
    fx_demo: bool = False
    fx_source: str = ""
    rate_pct: Decimal | None = None
    rate_text: str = ""
    duty_kind: str = ""
    source: str = ""
    source_date: str = ""
    confidence: str = ""
    indicative: bool = False  # the rate has no verified source
    estimate: bool = False  # an estimate or an assumption, not a quoted figure
    notes: list[str] = field(default_factory=list)
    source_notes: list[str] = field(default_factory=list)  # the schedule's own notes, as published (English)

    @property
    def known(self) -> bool:
        return self.amount is not None


@dataclass
class LandedCost:
    lines: list[Line]
    total: Decimal
    currency: str
    complete: bool
    customs_value: Decimal | None
    customs_basis: str
    incoterm: str
    family: str
    on_date: datetime.date
    notes: list[str]

    @property
    def uses_demo_rates(self) -> bool:
        return any(line.fx_demo for line in self.lines)

    @property
    def has_estimates(self) -> bool:
        return any(line.estimate or line.indicative for line in self.lines)

    def line(self, kind: str) -> Line | None:
        return next((line for line in self.lines if line.kind == kind), None)


class _Converter:
    """Converts into the target currency with rates fetched once (``rates``, shared by the caller)."""

    def __init__(self, target: str, on_date: datetime.date, rates: dict | None):
        self.target, self.on_date = target, on_date
        self.rates = rates if rates is not None else {}

    def need(self, codes: set[str]) -> None:
        missing = {c for c in codes if c and c != self.target and c not in self.rates}
        if missing:
            self.rates.update(fx.rates_for(missing, self.target, self.on_date))
            for code in missing - set(self.rates):
                self.rates[code] = None  # asked once: no rate

    def __call__(self, money: Money, line: Line, field_name: str) -> Decimal:
        line.original_amount, line.original_currency = money.amount, money.currency
        if money.currency == self.target:
            line.fx_rate = Decimal(1)
            return cents(money.amount)
        self.need({money.currency})
        conversion = self.rates.get(money.currency)
        if conversion is None:
            raise ValidationError(
                {
                    field_name: _("No exchange rate from %(from)s to %(to)s on or before %(date)s.")
                    % {"from": money.currency, "to": self.target, "date": self.on_date.isoformat()}
                },
                code="no_rate",
            )
        line.fx_rate, line.fx_date = conversion.rate, conversion.rate_date
        line.fx_demo, line.fx_source = conversion.is_demo, conversion.source
        return cents(money.amount * conversion.rate)


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


def _duty_amount(row, customs_value: Decimal, inp: CostInput, convert: _Converter, line: Line) -> Decimal:
    ad_valorem = specific = None
    pct = row.provisional_pct if row.provisional_pct is not None else row.ad_valorem_pct
    if row.kind in (DutyKind.AD_VALOREM, DutyKind.COMPOUND):
        ad_valorem = customs_value * pct / HUNDRED
        line.rate_pct = pct
        if row.provisional_pct is not None and row.ad_valorem_pct is not None:
            line.notes.append(
                _("Provisional rate %(provisional)s%% applies instead of the MFN rate %(mfn)s%%.")
                % {"provisional": row.provisional_pct.normalize(), "mfn": row.ad_valorem_pct.normalize()}
            )
    if row.kind in (DutyKind.SPECIFIC, DutyKind.COMPOUND):
        try:
            quantity = convert_quantity(inp.quantity, inp.unit, row.specific_unit_id)
        except UnitMismatch:
            raise ValidationError(
                {
                    "unit": _(
                        "The duty is charged per %(duty_unit)s and the quantity is in %(unit)s, which do not "
                        "convert: give the quantity in a unit of the same kind."
                    )
                    % {"duty_unit": row.specific_unit_id, "unit": inp.unit}
                },
                code="unit_mismatch",
            ) from None
        per_unit = Line(CostLine.DUTY, "", None, Payer.BUYER)
        specific = convert(
            Money(row.specific_amount * quantity, row.specific_currency_id), per_unit, "currency"
        )
        line.notes.append(
            _("Specific duty %(amount)s %(currency)s per %(unit)s × %(quantity)s.")
            % {
                "amount": row.specific_amount.normalize(),
                "currency": row.specific_currency_id,
                "unit": row.specific_unit_id,
                "quantity": quantity.normalize(),
            }
        )
    if ad_valorem is not None and specific is not None:
        if row.compound_rule == CompoundRule.SUM:
            return ad_valorem + specific
        return max(ad_valorem, specific)
    return ad_valorem if ad_valorem is not None else specific


def _duty(inp, pays, book, country, origin_country, customs_value, convert) -> Line:
    line = Line(CostLine.DUTY, _("Import duty"), None, Payer.BUYER)
    if origin_country == country:
        line.amount, line.notes = Decimal("0.00"), [_("No import: the goods do not leave the country.")]
        return line
    member = book.same_union(origin_country, country)
    if member is not None:
        line.amount = Decimal("0.00")
        line.source = member.source
        line.notes.append(
            _("No import duty inside the customs union %(union)s.") % {"union": member.union_id}
        )
        return line
    if not pays.duty:
        line.amount, line.payer, line.included = Decimal("0.00"), Payer.SELLER, True
        line.notes.append(_("DDP: the seller pays import duty and VAT."))
        return line
    match = book.duty(country, inp.hs_code)
    row = match.row
    if row is not None:
        line.rate_text, line.duty_kind = row.rate_text, row.kind
        line.source, line.source_date, line.confidence = row.source, row.source_date, row.confidence
        line.indicative = row.indicative
        if row.notes:
            line.source_notes.append(row.notes)
    where = match.jurisdiction
    if match.union is not None and where == match.union.union_id:
        line.notes.append(
            _("Common customs tariff of %(union)s, which %(country)s applies.")
            % {"union": where, "country": country}
        )
    if row is None or not row.known or customs_value is None:
        line.notes.insert(0, _("No duty rate known for this jurisdiction (%(where)s).") % {"where": where})
        return line
    if row.quota == Quota.IN_QUOTA:
        line.indicative = True
        line.notes.append(_("In-quota rate: it applies only within a tariff-rate quota allocation."))
    elif row.quota == Quota.OUT_OF_QUOTA:
        line.notes.append(_("Out-of-quota rate: it applies without a tariff-rate quota allocation."))
    line.amount = cents(_duty_amount(row, customs_value, inp, convert, line))
    return line


def _vat(inp, pays, book, country, origin_country, base, duty_known) -> Line:
    line = Line(CostLine.VAT, _("Import VAT"), None, Payer.BUYER)
    if origin_country == country:
        line.amount, line.notes = (
            Decimal("0.00"),
            [_("No import: domestic VAT is not part of this calculation.")],
        )
        return line
    if not pays.vat:
        line.amount, line.payer, line.included = Decimal("0.00"), Payer.SELLER, True
        return line
    standard, reduced = book.vat_rate(country, inp.hs_code)
    row = reduced or standard
    rate = (
        reduced.rate_pct if reduced is not None else (standard.standard_pct if standard is not None else None)
    )
    if row is not None:
        line.source, line.source_date, line.confidence = row.source, row.source_date, row.confidence
        line.indicative = row.indicative
    if rate is None or base is None:
        line.notes.append(_("No VAT rate known for %(country)s.") % {"country": country})
        return line
    line.rate_pct = rate
    if reduced is not None:
        line.notes.append(_("Reduced rate for HS %(prefix)s.") % {"prefix": reduced.hs_prefix})
        if reduced.description:
            line.source_notes.append(reduced.description)
        if reduced.notes:
            line.source_notes.append(reduced.notes)
    line.notes.append(_("Base: customs value + import duty; excise and consumption tax are not modelled."))
    if not duty_known:
        line.notes.append(
            _("The base leaves out the unknown duty: this VAT is too low by the VAT on the duty.")
        )
    line.amount = cents(base * rate / HUNDRED)
    return line


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
    convert = _Converter(target, on_date, rates)
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

    duty_line = _duty(inp, pays, book, country, origin_country, customs_value, convert)
    duty_known = duty_line.amount is not None
    vat_base = customs_value + (duty_line.amount if duty_known and not duty_line.included else Decimal(0))
    vat_line = _vat(inp, pays, book, country, origin_country, vat_base, duty_known)

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
