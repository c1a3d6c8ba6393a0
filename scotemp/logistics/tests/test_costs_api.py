"""POST /api/v1/logistics/landed-cost: the answer's shape and a 422 naming the field for bad input."""

from decimal import Decimal

import pytest

from .costs_data import make_rates

pytestmark = pytest.mark.django_db
URL = "/api/v1/logistics/landed-cost"
BODY = {
    "hs_code": "760110",
    "origin": "KZALA",
    "destination": "CNCKG",
    "incoterm": "FCA",
    "goods_value": "100000",
    "currency": "USD",
    "quantity": "40",
    "unit": "TNE",
    "freight": {"amount": "6000", "currency": "USD"},
}


@pytest.fixture(autouse=True)
def rates():
    make_rates(demo=True)


def post(client, **changes):
    return client.post(URL, {**BODY, **changes}, content_type="application/json")


def test_answer_lines_add_up_to_the_total(client):
    response = post(client)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["currency"] == "CNY" and data["complete"] is True and data["uses_demo_rates"] is True
    kinds = [line["kind"] for line in data["lines"]]
    assert kinds == ["goods", "freight", "insurance", "duty", "vat"]
    assert sum(Decimal(line["amount"]) for line in data["lines"]) == Decimal(data["total"])
    duty = data["lines"][3]
    assert duty["rate_pct"] is not None and duty["source"] and duty["payer"] == "buyer"
    assert data["lines"][0]["fx_demo"] is True and data["lines"][0]["original_currency"] == "USD"


def test_unknown_duty_rate_is_null_and_incomplete(client):
    data = post(client, hs_code="100199", target_currency="USD").json()
    duty = next(line for line in data["lines"] if line["kind"] == "duty")
    assert duty["amount"] is None and data["complete"] is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hs_code": "9999"}, "hs_code"),
        ({"hs_code": "12ab"}, "hs_code"),
        ({"origin": "ZZZZZ"}, "origin"),
        ({"destination": "Atlantis"}, "destination"),
        ({"goods_value": "-5"}, "goods_value"),
        ({"goods_value": "1e15"}, "goods_value"),
        ({"quantity": "0"}, "quantity"),
        ({"currency": "XYZ"}, "currency"),
        ({"unit": "FURLONG"}, "unit"),
        ({"incoterm": "DAT"}, "incoterm"),
        ({"freight": {"amount": "-1", "currency": "USD"}}, "freight.amount"),
        ({"freight": {"amount": "10", "currency": "GBP"}}, "freight"),
        ({"target_currency": "ABC"}, "target_currency"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, changes, field):
    response = post(client, **changes)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors, errors


def test_specific_duty_in_another_unit_kind_is_refused(client):
    response = post(client, hs_code="270900", unit="H87", incoterm="CIF")
    assert response.status_code == 422 and "unit" in response.json()["errors"]


def test_anonymous_caller_needs_no_csrf_token_and_is_throttled(rf):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert post(client).status_code == 200
    statuses = {post(client).status_code for _i in range(40)}
    assert 429 in statuses  # 30 a minute per address
