"""GET /api/v1/logistics/routes: the shape of the answer and the 422s naming the parameter."""

import pytest

from scotemp.logistics.actions.network import network_changed
from scotemp.logistics.queries.routes import graph

pytestmark = pytest.mark.django_db
URL = "/api/v1/logistics/routes"


@pytest.fixture(autouse=True)
def fresh_network():
    graph.forget()
    network_changed()
    yield
    graph.forget()


def test_routes_from_chongqing_to_duisburg(client):
    response = client.get(
        URL, {"origin": "CNCKG", "destination": "DEDUI", "hs_code": "1001", "weight_kg": "20000"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["origin"]["node"] == "CNCKG" and body["destination"]["node"] == "DEDUI"
    assert 1 <= len(body["options"]) <= 5
    for option in body["options"]:
        for key in (
            "transit_days_min",
            "transit_days_max",
            "modes",
            "via",
            "distance_km",
            "co2_kg",
            "cost",
            "border_crossings",
            "gauge_changes",
            "documents",
            "legs",
            "notes",
        ):
            assert key in option
        assert option["cost"] is None  # no lane rate: no cost, never a guess
        for leg in option["legs"]:
            assert {"source", "source_date", "confidence", "distance_km", "days_min", "days_max"} <= set(leg)
    c01 = next(o for o in body["options"] if o["via"] == ["CNAKL", "KZ-DOSTYK", "BYBQT", "PLMAA"])
    assert c01["transit_days_max"] == "16.0" or float(c01["transit_days_max"]) == 16
    assert c01["transit_days_min"] is None and c01["distance_km"] == 11179
    assert "phyto" in [d["code"] for d in c01["documents"]]


def test_answer_in_chinese(client):
    response = client.get(URL, {"origin": "CNCKG", "destination": "KZALA"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response.json()["destination"]["node_name"] == "阿拉木图"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"destination": "DEDUI"}, "origin"),
        ({"origin": "CNCKG", "destination": "KZ-DOSTYK"}, "destination"),
        ({"origin": "CNCKG", "destination": "QQQQQ"}, "destination"),
        ({"origin": "CNCKG", "destination": "DEDUI", "weight_kg": "-3"}, "weight_kg"),
        ({"origin": "CNCKG", "destination": "DEDUI", "weight_kg": "lots"}, "weight_kg"),
        ({"origin": "CNCKG", "destination": "DEDUI", "weight_kg": "1e15"}, "weight_kg"),
        ({"origin": "CNCKG", "destination": "DEDUI", "units": "1.5"}, "units"),
        ({"origin": "CNCKG", "destination": "DEDUI", "rank": "fun"}, "rank"),
        ({"origin": "CNCKG", "destination": "DEDUI", "equipment": "x"}, "equipment"),
    ],
)
def test_bad_parameters_are_422_naming_them(client, params, field):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in body["errors"] and body["detail"]


def test_no_route_is_422(client):
    from scotemp.logistics.models import Leg

    Leg.objects.filter(destination="LAVTE").delete()
    network_changed()
    response = client.get(URL, {"origin": "CNCKG", "destination": "LAVTE"})
    assert response.status_code == 422
    assert "destination" in response.json()["errors"]
