"""Reads of the corridor network: the route planner and the freight estimate (to be written).

Contract relied on by other parts of the app (keep these names and shapes):

- ``plan_routes(origin, destination, cargo=None, rank="time", limit=5) -> RoutePlan``
- ``freight_estimate(origin, destination, cargo=None) -> FreightEstimate | None``
- ``transit_between(origin, destination) -> tuple[Decimal | None, Decimal | None] | None``
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Cargo:
    hs_code: str = ""
    weight_kg: Decimal | None = None
    volume_m3: Decimal | None = None
    equipment: str = ""  # choices.Equipment value, "" when not said
    units: int = 1  # number of containers / wagons / trucks


@dataclass(frozen=True)
class FreightEstimate:
    """A cost range for carrying a cargo from one place to another, with what it rests on."""

    amount_min: Decimal
    amount_max: Decimal
    currency: str  # ISO 4217
    basis: str  # "lane_rates" (current rates of providers) or "indicative" (a published figure)
    source: str
    as_of: str  # date of the rates or of the published figure


def freight_estimate(origin: str, destination: str, cargo: Cargo | None = None) -> FreightEstimate | None:
    """The freight cost range between two UN/LOCODE places, or None when nothing supports one."""
    return None
