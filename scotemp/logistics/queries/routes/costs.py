"""Cost ranges from providers' current lane rates (``LaneRate.objects.current()``).

A lane rate serves an option when its origin and destination are the option's end places or snap to
them; amounts in other currencies are converted with :func:`scotemp.reference.fx.convert`. Where no
current rate serves a lane there is no cost: the shipped data has no published indicative freight
figure, and none is invented."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

CENT = Decimal("0.01")
PER_UNIT = {"container", "wagon", "truck"}


@dataclass(frozen=True)
class FreightEstimate:
    """A cost range for carrying a cargo from one place to another, with what it rests on."""

    amount_min: Decimal
    amount_max: Decimal
    currency: str  # ISO 4217
    basis: str  # "lane_rates" (current rates of providers) or "indicative" (a published figure)
    source: str
    as_of: str  # date of the rates or of the published figure


@dataclass(frozen=True)
class CostRange:
    min: Decimal
    max: Decimal
    currency: str
    basis: str  # "lane_rates"
    per: str  # "shipment" when the cargo's units/weight/volume were applied, else the rates' own basis
    source: str
    as_of: str
    mode: str
    rates: int
    fx_is_demo: bool = False


def _quantity(rate, cargo) -> Decimal | None:
    units = Decimal(getattr(cargo, "units", 1) or 1)
    if rate.basis in PER_UNIT:
        return units
    if rate.basis == "tonne" and cargo is not None and cargo.weight_kg:
        return Decimal(cargo.weight_kg) / 1000
    if rate.basis == "kg" and cargo is not None and cargo.weight_kg:
        return Decimal(cargo.weight_kg)
    if rate.basis == "cbm" and cargo is not None and cargo.volume_m3:
        return Decimal(cargo.volume_m3)
    return None


def _snapped(net, location) -> str | None:
    if location.locode in net.places:
        return location.locode
    if location.latitude is None:
        return None
    hit = net.snap(float(location.latitude), float(location.longitude))
    return hit[0] if hit else None


RATES_SECONDS = 60  # a lane rate published or withdrawn shows in the planner within this time


def _current_rates(day: datetime.date) -> list:
    """The current lane rates, read at most once a minute per process (one query)."""
    import time

    from ...models import LaneRate
    from .graph import _state

    now = time.monotonic()
    held = _state.get("lane_rates")
    if held is None or held[0] < now or held[1] != day:
        rows = list(LaneRate.objects.current(day).select_related("origin", "destination"))
        held = (now + RATES_SECONDS, day, rows)
        _state["lane_rates"] = held
    return held[2]


def lane_costs(
    net, start: str, end: str, cargo=None, on: datetime.date | None = None
) -> dict[str, CostRange]:
    """Per mode, the range of the current lane rates from ``start`` to ``end`` (network places)."""
    from scotemp.reference import fx

    day = on or timezone.localdate()
    rates = _current_rates(day)
    if cargo is not None and cargo.equipment:
        rates = [rate for rate in rates if rate.equipment == cargo.equipment]
    by_mode: dict[str, list] = {}
    for rate in rates:
        if _snapped(net, rate.origin) != start or _snapped(net, rate.destination) != end:
            continue
        by_mode.setdefault(rate.mode, []).append(rate)
    result = {}
    for mode, found in by_mode.items():
        currency = found[0].currency_id if len({r.currency_id for r in found}) == 1 else "USD"
        quantities = [_quantity(rate, cargo) for rate in found]
        whole = all(q is not None for q in quantities)
        bases = {rate.basis for rate in found}
        if not whole and len(bases) > 1:
            # Rates on different bases and a cargo that does not say how much: keep the commonest basis.
            common = max(bases, key=lambda basis: sum(rate.basis == basis for rate in found))
            found = [rate for rate in found if rate.basis == common]
            quantities = [None] * len(found)
        amounts, demo = [], False
        for rate, quantity in zip(found, quantities, strict=True):
            amount = rate.price * quantity if whole else rate.price
            conversion = fx.convert(amount, rate.currency_id, currency, day)
            if conversion is None:
                continue
            demo = demo or conversion.is_demo
            amounts.append(conversion.amount)
        if not amounts:
            continue
        providers = {rate.provider_id for rate in found}
        result[mode] = CostRange(
            min=min(amounts).quantize(CENT, ROUND_HALF_UP),
            max=max(amounts).quantize(CENT, ROUND_HALF_UP),
            currency=currency,
            basis="lane_rates",
            per="shipment" if whole else found[0].basis,
            source=f"{len(amounts)} current lane rate(s) of {len(providers)} provider(s)",
            as_of=max(rate.valid_from for rate in found).isoformat(),
            mode=mode,
            rates=len(amounts),
            fx_is_demo=demo,
        )
    return result


def freight_estimate(origin: str, destination: str, cargo=None) -> FreightEstimate | None:
    """The freight cost range between two UN/LOCODE places, or None when nothing supports one
    (unknown places, places off the network, or no current lane rate between them)."""
    from .places import resolve_quietly

    ends = resolve_quietly(origin, destination)
    if ends is None:
        return None
    net, start, end = ends
    ranges = list(lane_costs(net, start, end, cargo).values())
    if not ranges:
        return None
    currency = ranges[0].currency
    ranges = [r for r in ranges if r.currency == currency] or ranges[:1]
    return FreightEstimate(
        amount_min=min(r.min for r in ranges),
        amount_max=max(r.max for r in ranges),
        currency=currency,
        basis="lane_rates",
        source="; ".join(r.source for r in ranges),
        as_of=max(r.as_of for r in ranges),
    )
