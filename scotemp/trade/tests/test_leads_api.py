"""Leads API: CRUD, lifecycle, 422 field errors, 409 refused transitions, 404 for others' drafts."""

import pytest

from scotemp.accounts import actions as account_actions
from scotemp.trade.models import Lead

from .lead_data import make_lead, wheat_offer, wheat_request

API = "/api/v1"


def bearer(user, org):
    _token, raw = account_actions.create_api_token(user, org.public_id, "leads", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_create_read_patch_and_lifecycle(client, aigerim, kz_org):
    auth = bearer(aigerim, kz_org)
    response = client.post(f"{API}/leads", wheat_offer(), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["hs_code"] == "100199" and body["language"] == "ru"
    assert body["title"] == "Пшеница продовольственная 3 класса"
    assert body["organization"]["public_id"] == str(kz_org.public_id)
    assert body["allowed_actions"] == ["publish", "close"]
    public_id = body["public_id"]

    response = client.patch(
        f"{API}/leads/{public_id}",
        {"quantity": "4000", "title_en": "Milling wheat"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["quantity"] == "4000.000" or float(response.json()["quantity"]) == 4000
    assert response.json()["titles"]["en"] == "Milling wheat"
    assert response.json()["titles"]["ru"] == "Пшеница продовольственная 3 класса"  # untouched by PATCH

    for action, status in [("publish", "published"), ("pause", "paused"), ("publish", "published")]:
        response = client.post(f"{API}/leads/{public_id}/{action}", **auth)
        assert response.status_code == 200 and response.json()["status"] == status

    response = client.post(
        f"{API}/leads/{public_id}/renew", {"valid_until": None}, content_type="application/json", **auth
    )
    assert response.status_code == 200
    response = client.post(f"{API}/leads/{public_id}/duplicate", **auth)
    assert response.status_code == 201 and response.json()["status"] == "draft"
    assert response.json()["public_id"] != public_id
    response = client.post(f"{API}/leads/{public_id}/close", **auth)
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_create_published_buy_request(client, li_wei, cn_org):
    data = {key: (None if value == "" else value) for key, value in wheat_request().items()}
    response = client.post(
        f"{API}/leads", {**data, "publish": True}, content_type="application/json", **bearer(li_wei, cn_org)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published" and body["hs_code"] == "1001" and body["price_on_request"] is True
    assert body["countries"] == ["KZ", "RU"]


def test_field_errors_are_422_and_name_the_field(client, aigerim, kz_org):
    auth = bearer(aigerim, kz_org)
    data = wheat_offer(hs_code="1001", incoterm="DAT", price="10", currency="")
    response = client.post(f"{API}/leads", data, content_type="application/json", **auth)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"hs_code", "incoterm", "currency"}
    assert "DPU" in errors["incoterm"][0]
    assert not Lead.objects.exists()
    # A schema error (a quantity that is not above zero, a missing required field) is 422 too.
    response = client.post(f"{API}/leads", wheat_offer(quantity="0"), content_type="application/json", **auth)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["quantity"]
    data = wheat_offer()
    del data["hs_code"]
    response = client.post(f"{API}/leads", data, content_type="application/json", **auth)
    assert response.status_code == 422 and "hs_code" in response.json()["errors"]


def test_refused_transition_is_409(client, aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, publish=False)
    auth = bearer(aigerim, kz_org)
    response = client.post(f"{API}/leads/{lead.public_id}/pause", **auth)
    assert response.status_code == 409
    assert response.json()["detail"]
    client.post(f"{API}/leads/{lead.public_id}/close", **auth)
    response = client.patch(
        f"{API}/leads/{lead.public_id}", {"quantity": "1"}, content_type="application/json", **auth
    )
    assert response.status_code == 409


def test_renew_too_far_is_422(client, aigerim, kz_org):
    lead = make_lead(aigerim, kz_org)
    response = client.post(
        f"{API}/leads/{lead.public_id}/renew",
        {"valid_until": "2999-01-01"},
        content_type="application/json",
        **bearer(aigerim, kz_org),
    )
    assert response.status_code == 422 and "valid_until" in response.json()["errors"]


def test_others_drafts_are_404_and_others_leads_not_editable(client, aigerim, kz_org, li_wei, cn_org):
    draft = make_lead(aigerim, kz_org, publish=False)
    published = make_lead(aigerim, kz_org)
    other = bearer(li_wei, cn_org)
    assert client.get(f"{API}/leads/{draft.public_id}").status_code == 404
    assert client.get(f"{API}/leads/{draft.public_id}", **other).status_code == 404
    assert client.post(f"{API}/leads/{draft.public_id}/publish", **other).status_code == 404
    response = client.get(f"{API}/leads/{published.public_id}")
    assert response.status_code == 200
    assert response.json()["contacts"] is None  # anonymous: no contact details
    assert response.json()["allowed_actions"] == []
    signed_in = client.get(f"{API}/leads/{published.public_id}", **other).json()
    assert signed_in["contacts"]["email"] == aigerim.email
    for method, path in [("patch", ""), ("post", "/pause"), ("post", "/close"), ("post", "/duplicate")]:
        response = getattr(client, method)(
            f"{API}/leads/{published.public_id}{path}", {}, content_type="application/json", **other
        )
        assert response.status_code == 404
    assert Lead.objects.get(pk=published.pk).status == "published"
    assert client.post(f"{API}/leads", wheat_offer(), content_type="application/json").status_code == 401


def test_list_shows_published_leads_only(client, aigerim, kz_org):
    published = make_lead(aigerim, kz_org)
    make_lead(aigerim, kz_org, publish=False)
    response = client.get(f"{API}/leads")
    assert response.status_code == 200
    ids = [row["public_id"] for row in response.json()["results"]]
    assert ids == [str(published.public_id)]


def test_search_text_and_facets(client, aigerim, kz_org):
    make_lead(aigerim, kz_org)
    response = client.get(f"{API}/leads", {"q": "пшеница", "kind": "sell", "origin": "KZ"})
    assert response.status_code == 200 and response.json()["total"] == 1
    assert client.get(f"{API}/leads", {"q": "пшеница", "kind": "buy"}).json()["total"] == 0
    response = client.get(f"{API}/leads", {"kind": "barter"})
    assert response.status_code == 422 and "kind" in response.json()["errors"]


def test_openapi_lists_the_lead_paths(client, db):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in [
        "/api/v1/leads",
        "/api/v1/leads/{public_id}",
        "/api/v1/leads/{public_id}/publish",
        "/api/v1/hs",
    ]:
        assert path in paths


@pytest.mark.parametrize("query", ["小麦", "пшеница", "wheat", "1001"])
def test_hs_endpoint(client, db, query):
    response = client.get(f"{API}/hs", {"q": query})
    assert response.status_code == 200
    assert response.json()[0]["code"] == "1001"
