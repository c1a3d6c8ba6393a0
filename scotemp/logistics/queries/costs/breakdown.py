"""The parts of a delivered-cost breakdown (:mod:`.calculator`): what it is asked (:class:`CostInput`),
its lines and amounts (:class:`Line`, :class:`Money`), its result (:class:`LandedCost`) and the
conversion of every amount into the result's currency at the stored rate of its day."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext

from scotemp.reference import fx

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


class Converter:
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
