import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, url, language="en", **params):
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    return response, (
        json.loads(response.content) if response["Content-Type"].startswith("application/json") else None
    )


def test_countries_members_in_chinese(client):
    response, data = _get(client, "/api/v1/reference/countries", "zh-hans", sco="member", on="2026-01-01")
    assert response.status_code == 200
    assert len(data) == 10
    assert "中国" in response.content.decode()  # not \u-escaped
    assert {c["iso2"] for c in data} >= {"CN", "BY"}


def test_countries_on_a_past_date(client):
    _, data = _get(client, "/api/v1/reference/countries", sco="member", on="2016-01-01")
    assert {c["iso2"] for c in data} == {"CN", "KZ", "KG", "RU", "TJ", "UZ"}
    _, data = _get(client, "/api/v1/reference/countries", sco="partner", on="2026-01-01")
    assert len(data) == 17


def test_bad_sco_filter(client):
    response, _ = _get(client, "/api/v1/reference/countries", sco="friends")
    assert response.status_code == 422


def test_country_detail_with_history_in_russian(client):
    response, data = _get(client, "/api/v1/reference/countries/by", "ru", on="2026-01-01")
    assert response.status_code == 200
    assert data["name"] == "Беларусь"
    assert data["sco_status"] == "member"
    assert [p["status"] for p in data["sco_history"]] == ["dialogue_partner", "observer", "member"]
    assert "Беларусь" in response.content.decode()


def test_hs_detail_with_children(client):
    response, data = _get(client, "/api/v1/reference/hs/1001", "zh-hans")
    assert response.status_code == 200
    assert data["description"] == "小麦及混合麦"
    assert data["path"][0]["code"] == "10"
    assert {c["code"] for c in data["children"]} == {"100111", "100119", "100191", "100199"}
    response, _ = _get(client, "/api/v1/reference/hs/999999")
    assert response.status_code == 404


@pytest.mark.usefixtures("unlocode_places")
def test_incoterms_units_currencies_locations(client):
    _, data = _get(client, "/api/v1/reference/incoterms", "ru")
    assert [r["code"] for r in data["rules"]][:2] == ["EXW", "FCA"]
    assert {w["code"]: w["use_instead"] for w in data["withdrawn"]}["DAT"] == "DPU"
    _, units = _get(client, "/api/v1/reference/units", "zh-hans")
    assert {"code": "KGM", "name": "千克", "symbol": "kg"} in units
    _, currencies = _get(client, "/api/v1/reference/currencies")
    assert any(c["code"] == "KWD" and c["minor_units"] == 3 for c in currencies)
    _, ports = _get(client, "/api/v1/reference/locations", "ru", country="cn", function="port", limit=100)
    assert ports["total"] > 100 and ports["next"]  # the UN/LOCODE list, a page at a time
    _, ports = _get(client, "/api/v1/reference/locations", country="cn", function="port", q="Qinzhou")
    assert "CNQZH" in {p["locode"] for p in ports["results"]}
    _, ports = _get(client, "/api/v1/reference/locations", country="cn", function="port", q="Chongqing")
    assert "CNCKG" not in {p["locode"] for p in ports["results"]}  # a river port, not a seaport
    response, _ = _get(client, "/api/v1/reference/locations", function="spaceport")
    assert response.status_code == 422


def test_countries_page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reference:countries"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Лаосская Народно-Демократическая Республика" in body
    assert "Беларусь" in body


def test_hs_browser(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reference:hs"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "活动物" in response.content.decode()
    response = client.get(reverse("reference:hs_code", args=["1001"]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "小麦及混合麦" in response.content.decode()
    assert "100199" in response.content.decode()
    assert client.get(reverse("reference:hs_code", args=["999999"])).status_code == 404


def test_public_endpoints_declare_optional_credentials_and_their_statuses(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    expected = {
        "/api/v1/reference/countries": {"200", "422"},
        "/api/v1/reference/countries/{iso2}": {"200", "404", "422"},
        "/api/v1/reference/currencies": {"200"},
        "/api/v1/reference/hs": {"200"},
        "/api/v1/reference/hs/{code}": {"200", "404"},
        "/api/v1/reference/incoterms": {"200"},
        "/api/v1/reference/units": {"200"},
        "/api/v1/reference/locations": {"200", "422"},
    }
    for path, statuses in expected.items():
        operation = paths[path]["get"]
        assert {} in operation["security"], path
        assert set(operation["responses"]) == statuses, path


@pytest.mark.usefixtures("unlocode_places")
def test_every_location_and_country_fits_the_declared_schema(client):
    """The answers carry typed choices (functions, SCO statuses): every stored row must fit them."""
    from itertools import chain

    from scotemp.reference.choices import LocationFunction
    from scotemp.reference.models import Location

    response, data = _get(client, "/api/v1/reference/locations", limit=100)
    assert response.status_code == 200 and len(data["results"]) == 100 and data["total"] > 50_000
    stored = set(chain.from_iterable(Location.objects.values_list("functions", flat=True)))
    assert stored <= set(LocationFunction.values)
    response, data = _get(client, "/api/v1/reference/countries")
    assert response.status_code == 200 and {c["sco_status"] for c in data} >= {"member", "partner", None}


def test_bad_parameters_are_422_naming_them(client):
    for url, params, field in (
        ("/api/v1/reference/countries", {"on": "yesterday"}, "on"),
        ("/api/v1/reference/countries", {"on": "0"}, "on"),  # not a timestamp
        ("/api/v1/reference/countries/cn", {"on": "1700000000"}, "on"),
        ("/api/v1/reference/locations", {"country": "CHN"}, "country"),
        ("/api/v1/reference/countries/chn", {}, "iso2"),
    ):
        response, data = _get(client, url, **params)
        assert response.status_code == 422, url
        assert list(data["errors"]) == [field], data
