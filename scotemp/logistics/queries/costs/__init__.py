"""Reads of the delivered (landed) cost: what a buyer pays in all, line by line, for goods bought on
one Incoterms rule and brought to the buyer's place — the seller's price, main carriage, insurance,
import duty, import VAT and fees, converted into one currency.

- :mod:`.incoterms`: which costs each rule leaves with the buyer (``data/incoterms-costs.md``);
- :mod:`.schedules`: the duty and VAT rows that apply, fetched once for many calculations;
- :mod:`.breakdown`: what a breakdown is asked and what it is made of (inputs, lines, amounts, result);
- :mod:`.calculator`: the breakdown (:func:`landed_cost`), its carriage and insurance;
- :mod:`.taxes`: its import duty and VAT lines;
- :mod:`.rfq`: the quotations of an RFQ ranked on delivered cost at the buyer's place.
"""

from .breakdown import CostInput, LandedCost, Line, Money
from .calculator import INSURANCE_ASSUMPTION_PCT, landed_cost
from .incoterms import buyer_pays
from .schedules import ScheduleBook
from .units import UnitMismatch, convert_quantity

__all__ = [
    "INSURANCE_ASSUMPTION_PCT",
    "CostInput",
    "LandedCost",
    "Line",
    "Money",
    "ScheduleBook",
    "UnitMismatch",
    "buyer_pays",
    "convert_quantity",
    "landed_cost",
]
