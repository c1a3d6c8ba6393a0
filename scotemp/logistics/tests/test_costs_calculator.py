"""The delivered-cost calculator: lines per Incoterms family, duty and VAT from the loaded schedules,
unknown rates stay unknown, and the total is the sum of the lines."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from scotemp.logistics.choices.costs import CostLine, DutyKind, Payer
from scotemp.logistics.models import DutyRate
from scotemp.logistics.queries import routes
from scotemp.logistics.queries.costs import Money, landed_cost
from scotemp.reference.models import Location

from .costs_data import DAY, cost_input, make_rates

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rates():
    make_rates()


def _sum(result):
    return sum(line.amount for line in result.lines if line.amount is not None)


def test_exw_leaves_freight_insurance_duty_and_vat_with_the_buyer():
    result = landed_cost(cost_input(freight=Money(Decimal("6000"), "USD")), on_date=DAY)
    assert result.currency == "CNY"  # the destination country's currency
    lines = {line.kind: line for line in result.lines}
    assert lines[CostLine.GOODS].amount == Decimal("700000.00")
    assert (
        lines[CostLine.FREIGHT].amount == Decimal("42000.00") and lines[CostLine.FREIGHT].payer == Payer.BUYER
    )
    insurance = lines[CostLine.INSURANCE]
    assert insurance.estimate and insurance.amount == Decimal("2226.00")  # 0.3 % of 742,000
    duty = lines[CostLine.DUTY]
    # China, 760110 aluminium unwrought: 5 % ad valorem on the CIF value.
    assert duty.rate_pct == Decimal(5) and duty.amount == Decimal("37211.30") and "htshub" in duty.source
    vat = lines[CostLine.VAT]
    assert vat.rate_pct == Decimal(13) and vat.amount == (Decimal("781437.30") * Decimal("0.13")).quantize(
        Decimal("0.01")
    )
    assert result.complete and result.total == _sum(result)


def test_cif_includes_carriage_and_insurance():
    result = landed_cost(cost_input(incoterm="CIF"), on_date=DAY)
    freight, insurance = result.line(CostLine.FREIGHT), result.line(CostLine.INSURANCE)
    assert freight.included and freight.payer == Payer.SELLER and freight.amount == 0
    assert insurance.included and insurance.amount == 0
    assert result.customs_value == Decimal("700000.00")
    assert result.line(CostLine.DUTY).amount == Decimal("35000.00")
    assert result.total == _sum(result) and result.complete


def test_ddp_buyer_pays_no_duty_or_vat():
    result = landed_cost(cost_input(incoterm="DDP"), on_date=DAY)
    duty, vat = result.line(CostLine.DUTY), result.line(CostLine.VAT)
    assert duty.included and vat.included and duty.payer == Payer.SELLER
    assert result.total == result.line(CostLine.GOODS).amount


def test_exw_without_freight_is_incomplete_never_zero(monkeypatch):
    result = landed_cost(cost_input(), on_date=DAY)
    freight = result.line(CostLine.FREIGHT)
    assert freight.amount is None and not result.complete
    assert any("not estimated" in n for n in freight.notes)
    assert result.total == _sum(result)


def test_exw_uses_the_route_planners_estimate(monkeypatch):
    estimate = routes.FreightEstimate(
        Decimal(5000), Decimal(7000), "USD", "indicative", "test source", "2026-05"
    )
    monkeypatch.setattr(routes, "freight_estimate", lambda *a, **k: estimate)
    result = landed_cost(cost_input(), on_date=DAY)
    freight = result.line(CostLine.FREIGHT)
    assert freight.amount == Decimal("42000.00") and freight.estimate and freight.indicative
    assert result.complete


def test_eaeu_tariff_applies_to_kazakhstan():
    DutyRate.objects.filter(jurisdiction="EAEU", hs_prefix="7601").update(
        kind=DutyKind.AD_VALOREM, ad_valorem_pct=Decimal(10), rate_text="10%"
    )
    result = landed_cost(
        cost_input(
            origin=Location.objects.get(locode="CNCKG"),
            destination=Location.objects.select_related("country").get(locode="KZALA"),
            incoterm="CIP",
        ),
        on_date=DAY,
    )
    assert result.currency == "KZT"
    duty = result.line(CostLine.DUTY)
    assert duty.rate_pct == Decimal(10) and duty.amount == Decimal("5000000.00")
    assert any("EAEU" in n for n in duty.notes)
    assert result.line(CostLine.VAT).rate_pct == Decimal(16)  # Kazakhstan's own VAT


def test_no_duty_inside_the_customs_union():
    result = landed_cost(
        cost_input(
            destination=Location.objects.select_related("country").get(locode="RUMOW"), incoterm="CPT"
        ),
        on_date=DAY,
    )
    assert result.line(CostLine.DUTY).amount == 0 and "eaeunion" in result.line(CostLine.DUTY).source


def test_missing_duty_rate_stays_unknown():
    result = landed_cost(cost_input(hs_code="100199", incoterm="DAP"), on_date=DAY)
    duty = result.line(CostLine.DUTY)
    assert duty.amount is None and duty.indicative
    assert "No duty rate known for this jurisdiction" in duty.notes[0]
    assert not result.complete and result.total == _sum(result)
    vat = result.line(CostLine.VAT)
    assert vat.rate_pct == Decimal(9) and vat.indicative  # China's reduced rate for grains, approximate


def test_specific_duty_converts_units():
    result = landed_cost(
        cost_input(hs_code="270900", incoterm="CIF", quantity=Decimal(2), unit="TNE"), on_date=DAY
    )
    duty = result.line(CostLine.DUTY)
    assert duty.duty_kind == DutyKind.SPECIFIC and duty.amount == Decimal("0.00")
    DutyRate.objects.filter(jurisdiction="CN", hs_prefix="270900").update(specific_amount=Decimal("0.5"))
    result = landed_cost(
        cost_input(hs_code="270900", incoterm="CIF", quantity=Decimal(2), unit="TNE"), on_date=DAY
    )
    assert result.line(CostLine.DUTY).amount == Decimal("1000.00")  # 0.5 CNY/kg × 2,000 kg
    with pytest.raises(ValidationError) as info:
        landed_cost(cost_input(hs_code="270900", incoterm="CIF", unit="H87"), on_date=DAY)
    assert "unit" in info.value.message_dict and "H87" in info.value.message_dict["unit"][0]


def test_provisional_rate_applies():
    result = landed_cost(cost_input(hs_code="740311", incoterm="CIF"), on_date=DAY)
    assert result.line(CostLine.DUTY).amount == 0 and result.line(CostLine.DUTY).rate_pct == 0


def test_no_rate_for_a_currency_names_the_field():
    with pytest.raises(ValidationError) as info:
        landed_cost(cost_input(freight=Money(Decimal(1), "GBP")), on_date=DAY)
    assert "freight" in info.value.message_dict


@pytest.mark.parametrize("freight", ["0.01", "12345.67", "99999.99"])
def test_total_is_the_sum_of_lines(freight):
    result = landed_cost(
        cost_input(
            goods=Money(Decimal("123456.789"), "RUB"),
            freight=Money(Decimal(freight), "EUR"),
            fees=Money(Decimal("333.333"), "KZT"),
            target_currency="USD",
        ),
        on_date=DAY + datetime.timedelta(days=3),
    )
    assert result.total == _sum(result) and result.total.as_tuple().exponent == -2
