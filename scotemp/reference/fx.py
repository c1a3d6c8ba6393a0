"""Currency conversion with the rates of :class:`~scotemp.reference.models.FxRate`.

A conversion uses the latest rate on or before the day asked for: the pair as stored, its inverse,
or a cross through USD (the one currency every loaded pair is quoted against). Rates keep their full
precision; converted amounts are rounded to cents (ROUND_HALF_UP) only at the end.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db.models import Max, Q

from .models import FxRate

# Invented rates for the demo (see data/PROVENANCE.md); the demo seeding loads them with
# ``call_command("load_fx", DEMO_RATES_CSV, demo=True)``, never load_reference.
DEMO_RATES_CSV = Path(__file__).resolve().parent / "data" / "fx-demo.csv"

PIVOT = "USD"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Conversion:
    """An amount converted, the rate used (units of the target per one unit of the source), the day of
    the oldest stored rate it rests on, who published that rate and whether it is an invented demo rate."""

    amount: Decimal
    rate: Decimal
    rate_date: datetime.date
    source: str
    is_demo: bool


@dataclass(frozen=True)
class _Leg:
    rate: Decimal
    date: datetime.date
    source: str
    is_demo: bool


def _latest_rates(codes: set[str], on_date: datetime.date) -> dict[tuple[str, str], FxRate]:
    """The latest rate on or before ``on_date`` of every stored pair between ``codes``, in two queries:
    the latest date per pair (one grouped scan of the pair-and-date index), then those rows. A
    correlated "latest date" subquery per stored row cost 26 ms for eight currencies on PostgreSQL."""
    latest = (
        FxRate.objects.filter(base__in=codes, quote__in=codes, date__lte=on_date)
        .values_list("base", "quote")
        .annotate(latest=Max("date"))
        .order_by()
    )
    wanted = Q()
    for base, quote, day in latest:
        wanted |= Q(base=base, quote=quote, date=day)
    if not wanted:
        return {}
    return {(row.base_id, row.quote_id): row for row in FxRate.objects.filter(wanted)}


def _leg(from_code: str, to_code: str, rates: dict[tuple[str, str], FxRate]) -> _Leg | None:
    # The pair as stored or its inverse; when both exist, the more recent one (the stored pair on a tie).
    direct = rates.get((from_code, to_code))
    inverse = rates.get((to_code, from_code))
    if inverse is not None and (direct is None or inverse.date > direct.date):
        return _Leg(Decimal(1) / inverse.rate, inverse.date, inverse.source, inverse.is_demo)
    if direct is not None:
        return _Leg(direct.rate, direct.date, direct.source, direct.is_demo)
    return None


def _resolve(
    from_code: str, to_code: str, on_date: datetime.date, rates: dict[tuple[str, str], FxRate]
) -> _Leg | None:
    if from_code == to_code:
        return _Leg(Decimal(1), on_date, "", False)
    leg = _leg(from_code, to_code, rates)
    if leg is not None or PIVOT in (from_code, to_code):
        return leg
    first, second = _leg(from_code, PIVOT, rates), _leg(PIVOT, to_code, rates)
    if first is None or second is None:
        return None
    sources = list(dict.fromkeys(s for s in (first.source, second.source) if s))
    return _Leg(
        first.rate * second.rate,
        min(first.date, second.date),
        "; ".join(sources),
        first.is_demo or second.is_demo,
    )


def _conversion(amount: Decimal, leg: _Leg) -> Conversion:
    return Conversion(
        amount=(amount * leg.rate).quantize(CENT, rounding=ROUND_HALF_UP),
        rate=leg.rate,
        rate_date=leg.date,
        source=leg.source,
        is_demo=leg.is_demo,
    )


def convert(amount: Decimal, from_code: str, to_code: str, on_date: datetime.date) -> Conversion | None:
    """``amount`` of ``from_code`` in ``to_code`` at the latest rate on or before ``on_date`` (direct,
    inverse, or crossed through USD), rounded to 2 decimals; None when no such rate is stored.
    The same currency converts at rate 1 without a query."""
    if from_code == to_code:
        return _conversion(amount, _Leg(Decimal(1), on_date, "", False))
    leg = _resolve(from_code, to_code, on_date, _latest_rates({from_code, to_code, PIVOT}, on_date))
    return _conversion(amount, leg) if leg is not None else None


def rates_for(codes: set[str], to_code: str, on_date: datetime.date) -> dict[str, Conversion]:
    """One unit of each currency of ``codes`` converted to ``to_code`` as :func:`convert` would, in two
    queries whatever the number of codes. Codes without a rate are left out of the result."""
    rates = _latest_rates(set(codes) | {to_code, PIVOT}, on_date) if set(codes) - {to_code} else {}
    result = {}
    for code in codes:
        leg = _resolve(code, to_code, on_date, rates)
        if leg is not None:
            result[code] = _conversion(Decimal(1), leg)
    return result


class RateBook:
    """The rates :func:`convert` would use on each of many days, fetched in three queries whatever the
    number of days (the latest rates on the first day, then every rate published up to the last day,
    applied in date order): for reports that convert each row at the rate of its own day."""

    def __init__(self, codes: set[str], days: Iterable[datetime.date]):
        self._by_day: dict[datetime.date, dict[tuple[str, str], FxRate]] = {}
        days = sorted(set(days))
        if not days:
            return
        codes = set(codes) | {PIVOT}
        current = dict(_latest_rates(codes, days[0]))
        later = list(
            FxRate.objects.filter(
                base__in=codes, quote__in=codes, date__gt=days[0], date__lte=days[-1]
            ).order_by("date")
        )
        i = 0
        for day in days:
            while i < len(later) and later[i].date <= day:
                current[(later[i].base_id, later[i].quote_id)] = later[i]
                i += 1
            self._by_day[day] = dict(current)

    def convert(self, amount: Decimal, from_code: str, to_code: str, day: datetime.date) -> Conversion | None:
        """As :func:`convert` on ``day`` (one of the days given), without a query."""
        leg = _resolve(from_code, to_code, day, self._by_day.get(day, {}))
        return _conversion(amount, leg) if leg is not None else None
