"""The lead reads run a fixed number of queries whatever the page size: the API list and search,
the search page and the lead page (no query per lead or per country)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scotemp.accounts import actions as account_actions

from .lead_data import make_lead, wheat_offer

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def twenty_leads(aigerim, kz_org):
    return [
        make_lead(aigerim, kz_org, wheat_offer(title=f"Пшеница {i}", countries=["CN", "UZ"][: 1 + i % 2]))
        for i in range(20)
    ]


def queries_for(client, url, params=None, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, response.content
    return len(captured), response


def bearer(user, org):
    _token, raw = account_actions.create_api_token(user, org.public_id, "leads", scope="read")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize("q", ["", "пшеница"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_api_lead_list_queries_do_not_grow_with_rows(client, twenty_leads, aigerim, kz_org, q, signed_in):
    headers = bearer(aigerim, kz_org) if signed_in else {}
    params = {"q": q} if q else {}
    queries_for(client, f"{API}/leads", {**params, "limit": 2}, **headers)  # warm caches
    few, small = queries_for(client, f"{API}/leads", {**params, "limit": 2}, **headers)
    many, full = queries_for(client, f"{API}/leads", {**params, "limit": 20}, **headers)
    assert len(small.json()["results"]) == 2 and len(full.json()["results"]) == 20
    assert many == few, (few, many)
    assert {tuple(r["countries"]) for r in full.json()["results"]} == {("CN",), ("CN", "UZ")}


@pytest.mark.parametrize("q", ["", "пшеница", "wheat"])
def test_search_page_queries_do_not_grow_with_rows(client, aigerim, kz_org, q):
    params = {"q": q} if q else {}
    make_lead(aigerim, kz_org, wheat_offer(title="Пшеница", title_en="Wheat"))
    queries_for(client, "/leads/", params)  # warm caches
    few, _response = queries_for(client, "/leads/", params)
    for i in range(19):
        make_lead(aigerim, kz_org, wheat_offer(title=f"Пшеница {i}", title_en=f"Wheat {i}"))
    queries_for(client, "/leads/", params)
    many, response = queries_for(client, "/leads/", params)
    assert response.content.count(b'class="card lead-card"') == 20
    assert many == few, (few, many)


def test_lead_page_queries_do_not_grow_with_countries(client, aigerim, kz_org, li_wei):
    one = make_lead(aigerim, kz_org, wheat_offer(countries=["CN"]))
    three = make_lead(aigerim, kz_org, wheat_offer(countries=["CN", "UZ", "KG"]))
    client.force_login(li_wei)
    queries_for(client, f"/leads/{one.public_id}/")
    few, _response = queries_for(client, f"/leads/{one.public_id}/")
    many, response = queries_for(client, f"/leads/{three.public_id}/")
    assert "Пшеница" in response.content.decode()
    assert many == few, (few, many)
