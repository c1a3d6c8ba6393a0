"""Demand signals: Chinese buy requests added up by heading, origin wanted and quarter; units never
mixed; buyers never named; a group of one request shows only an order of magnitude."""

import datetime

import pytest
from django.urls import reverse

from scotemp.imports.queries import demand_signals
from scotemp.imports.queries.demand import quarter_of

from .helpers import day_in, member_of, request

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyers(li_wei, cn_org):
    second = member_of("CN", "重庆粮油集团", city="CNCKG")
    return [(li_wei, cn_org), second]


def _row(result, heading, origin, year, quarter):
    matches = [
        r
        for r in result.rows
        if r.heading == heading
        and (r.origin.pk if r.origin else "") == origin
        and (r.year, r.quarter) == (year, quarter)
    ]
    assert len(matches) == 1, result.rows
    return matches[0]


def test_quarter_of():
    assert quarter_of(datetime.date(2027, 1, 1)) == (2027, 1)
    assert quarter_of(datetime.date(2027, 3, 31)) == (2027, 1)
    assert quarter_of(datetime.date(2027, 4, 1)) == (2027, 2)
    assert quarter_of(datetime.date(2026, 12, 31)) == (2026, 4)


def test_sums_per_unit_heading_origin_and_quarter(buyers):
    start = day_in(3)
    year, quarter = quarter_of(datetime.date.fromisoformat(start))
    (u1, o1), (u2, o2) = buyers
    request(u1, o1, quantity="5000", countries=["KZ"], delivery_from=start)
    request(u2, o2, quantity="7000", countries=["KZ", "RU"], delivery_from=start)
    request(u2, o2, quantity="300000", unit="KGM", countries=["KZ"], delivery_from=start)
    later = day_in(6)
    request(u1, o1, quantity="1000", countries=["KZ"], delivery_from=later)
    result = demand_signals()
    kz = _row(result, "1001", "KZ", year, quarter)
    assert kz.requests == 3
    amounts = {a.unit.pk: a for a in kz.amounts}
    assert amounts["TNE"].total == 12000 and amounts["TNE"].precise, "two requests in tonnes, summed"
    assert amounts["KGM"].requests == 1 and not amounts["KGM"].precise, "kilograms never added to tonnes"
    assert (amounts["KGM"].low, amounts["KGM"].high) == (100000, 1000000)
    ru = _row(result, "1001", "RU", year, quarter)
    assert ru.requests == 1
    later_year, later_quarter = quarter_of(datetime.date.fromisoformat(later))
    assert _row(result, "1001", "KZ", later_year, later_quarter).requests == 1
    assert "Chongqing" in " ".join(kz.cities) or kz.cities, "the city of the second buyer is known"
    assert result.total_requests == 4
    assert sum(bar.requests for bar in result.quarters) == 4


def test_origin_filter_keeps_requests_open_to_any_origin(buyers):
    (u1, o1), (u2, o2) = buyers
    request(u1, o1, countries=["RU"])
    request(u2, o2, countries=[])
    result = demand_signals(origin="KZ")
    assert [(r.origin, r.requests) for r in result.rows] == [(None, 1)]


def test_sell_offers_and_foreign_buyers_are_not_demand(buyers, aigerim, kz_org):
    from .helpers import offer

    offer(aigerim, kz_org)
    by_user, by_org = member_of("RU", "Moscow Buyer")
    request(by_user, by_org)
    assert demand_signals().rows == []


def test_page_never_names_the_buyer_nor_shows_one_buyers_exact_quantity(client, buyers):
    (u1, o1), _second = buyers
    lead = request(u1, o1, quantity="4321", countries=["KZ"], delivery_from=day_in(3))
    for language in ("en", "ru", "zh-hans"):
        client.cookies["scotemp_language"] = language
        page = client.get(reverse("imports:demand"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'data-testid="demand-table"' in page and 'data-testid="demand-chart"' in page
        assert o1.name not in page and str(lead.public_id) not in page
        assert "4321" not in page and "4,321" not in page and "4 321" not in page
    body = client.get("/api/v1/imports/demand").json()
    amount = body["rows"][0]["amounts"][0]
    assert amount["quantity"] is None and (amount["quantity_from"], amount["quantity_to"]) == (
        "1000",
        "10000",
    )
    assert o1.name not in str(body)


def test_api_refuses_bad_filters(client):
    assert client.get("/api/v1/imports/demand?origin=K").status_code == 422
    response = client.get("/api/v1/imports/demand?hs=10x")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["hs"]


def test_fixed_number_of_queries_at_two_sizes(buyers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (u1, o1), (u2, o2) = buyers
    request(u1, o1)

    def count():
        with CaptureQueriesContext(connection) as queries:
            demand_signals()
        return len(queries)

    small = count()
    for i in range(8):
        request(u2, o2, quantity=str(100 + i), countries=["KZ", "UZ", "RU"][: i % 3 + 1])
    assert count() == small <= 6
