"""Trade's list endpoints page the one way (``page``/``limit`` in, total and links out), refuse
out-of-range or unknown values with 422 naming the parameter, and the schema says what they take
and give."""

import pytest

from scotemp.trade.actions import create_saved_search
from scotemp.trade.matching.store import recompute_matches

from .lead_data import make_lead, wheat_offer
from .test_matching_pages import lead

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_lead_search_pages(client, aigerim, kz_org):
    for title in ("Пшеница 1", "Пшеница 2", "Пшеница 3"):
        make_lead(aigerim, kz_org, wheat_offer(title=title))
    first = client.get(f"{API}/leads", {"q": "пшеница", "limit": 2}).json()
    assert (first["total"], first["total_is_exact"], first["page"], first["limit"]) == (3, True, 1, 2)
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"] and "q=" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]
    seen = {r["public_id"] for r in first["results"] + second["results"]}
    assert len(seen) == 3
    assert set(first["facets"]) >= {"kind", "origin"}
    beyond = client.get(f"{API}/leads", {"page": 10_000, "limit": 100})
    assert beyond.status_code == 200 and beyond.json()["results"] == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": 101}, "limit"),
        ({"page": 0}, "page"),
        ({"page": 10_001}, "page"),
        ({"sort": "cheapest"}, "sort"),
        ({"kind": "barter"}, "kind"),
        ({"hs": "10a1"}, "hs"),
        ({"origin": "KAZ"}, "origin"),
        ({"price_min": "-1"}, "price_min"),
        ({"price_min": "5"}, "currency"),  # a price range needs its currency
    ],
)
def test_lead_search_refuses_bad_parameters(client, db, params, field):
    response = client.get(f"{API}/leads", params)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]


def test_lead_matches_page(client, li_wei, kz_org, cn_org):
    request = lead(cn_org, "buy", "100199")
    offers = [lead(kz_org, "sell", "100199", title_en=f"Offer {i}") for i in range(3)]
    recompute_matches(request.id, notify=False)
    client.force_login(li_wei)
    url = f"{API}/leads/{request.public_id}/matches"
    first = client.get(url, {"limit": 2}).json()
    assert first["total"] == 3 and len(first["results"]) == 2 and first["next"]
    rest = client.get(first["next"]).json()
    ids = [m["counterpart"]["public_id"] for m in first["results"] + rest["results"]]
    assert sorted(ids) == sorted(str(o.public_id) for o in offers)
    assert client.get(url, {"limit": 0}).status_code == 422


def test_saved_searches_page_and_answer_422(client, aigerim, kz_org):
    for word in ("wheat", "barley", "cotton"):
        create_saved_search(aigerim, word, {"q": word}, organization=kz_org)
    client.force_login(aigerim)
    first = client.get(f"{API}/saved-searches", {"limit": 2}).json()
    assert first["total"] == 3 and [s["name"] for s in first["results"]] == ["cotton", "barley"]
    assert [s["name"] for s in client.get(first["next"]).json()["results"]] == ["wheat"]
    for body, field in (
        ({"name": "", "params": {"q": "x"}}, "name"),
        ({"name": "x", "params": {}}, "params"),
        ({"name": "x", "params": {"kind": "barter"}}, "kind"),
        ({"name": "x" * 101, "params": {"q": "x"}}, "name"),
    ):
        response = client.post(f"{API}/saved-searches", body, content_type="application/json")
        assert response.status_code == 422, body
        assert field in response.json()["errors"], response.json()


def test_schema_types_fixed_choices_and_the_hs_picker(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"][f"{API}/leads"]["get"]["parameters"]}
    assert set(parameters) >= {"q", "kind", "sort", "page", "limit", "hs", "origin"}

    def enum(parameter):
        found = parameter["schema"]
        for option in found.get("anyOf", found.get("allOf", [found])):
            ref = option.get("$ref")
            option = schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else option
            if "enum" in option:
                return set(option["enum"])
        return None

    assert enum(parameters["kind"]) == {"sell", "buy"}
    assert enum(parameters["sort"]) == {"relevance", "newest", "expiring"}
    picker = schema["components"]["schemas"]["HSPickerOut"]
    assert "level" in picker["required"]
    response = client.get(f"{API}/hs", {"q": "1001"})
    assert all({"code", "level", "name", "path"} <= set(row) for row in response.json())
    assert client.get(f"{API}/hs", {"q": "1001", "limit": 51}).status_code == 422
