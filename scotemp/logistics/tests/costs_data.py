"""Shared test data of the delivered-cost tests: exchange rates and a calculation's input."""

import datetime
from decimal import Decimal

from scotemp.logistics.queries.costs import CostInput, Money
from scotemp.reference.models import FxRate, Location

DAY = datetime.date(2026, 6, 1)
RATES = {"CNY": "7.0", "KZT": "500", "RUB": "90", "EUR": "0.9"}


def make_rates(demo: bool = False):
    for quote, rate in RATES.items():
        FxRate.objects.create(
            date=DAY, base_id="USD", quote_id=quote, rate=Decimal(rate), source="test", is_demo=demo
        )


def cost_input(**changes) -> CostInput:
    values = dict(
        hs_code="760110",
        origin=Location.objects.get(locode="KZALA"),
        destination=Location.objects.select_related("country").get(locode="CNCKG"),
        incoterm="EXW",
        goods=Money(Decimal("100000"), "USD"),
        quantity=Decimal("40"),
        unit="TNE",
    )
    values.update(changes)
    return CostInput(**values)
