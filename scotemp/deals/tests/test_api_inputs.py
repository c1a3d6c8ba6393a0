"""The deals API under inputs a page never sends: the same business rules as the pages (a request
starts only from a published sell offer of another organization), paged lists with bounded
parameters, fixed-choice parameters refused by the schema, and hostile bodies. Never a 5xx: a 4xx
naming the field."""

import pytest

from scotemp.deals.models import Message, Rfq
from scotemp.trade.tests.lead_data import make_lead, wheat_request

from .helpers import open_deal, quoted_inquiry
from .test_api import API, bearer, get, post, rfq_body

pytestmark = pytest.mark.django_db


def test_a_request_starts_only_from_a_published_sell_offer_of_another_organization(
    client, li_wei, cn_org, aigerim, kz_org
):
    buyer = bearer(li_wei, cn_org)
    offer = make_lead(aigerim, kz_org)
    own_offer = make_lead(li_wei, cn_org)
    buy_request = make_lead(aigerim, kz_org, wheat_request())
    draft = make_lead(aigerim, kz_org, publish=False)
    for lead in (own_offer, buy_request):
        response = post(client, "/inquiries", rfq_body(kz_org, lead=str(lead.public_id)), **buyer)
        assert response.status_code == 422, (lead.kind, response.content)
        assert list(response.json()["errors"]) == ["lead"]
    # Another organization's draft is not even visible: the same 422 on the field.
    response = post(client, "/inquiries", rfq_body(kz_org, lead=str(draft.public_id)), **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["lead"]
    assert not Rfq.objects.exists()

    response = post(client, "/inquiries", rfq_body(kz_org, lead=str(offer.public_id)), **buyer)
    assert response.status_code == 201, response.content
    assert Rfq.objects.get().lead == offer


def test_lists_are_paged_with_total_and_links(client, li_wei, cn_org, aigerim, kz_org):
    auth = bearer(li_wei, cn_org)
    for _i in range(3):
        open_deal(li_wei, cn_org, aigerim, kz_org)
    first = get(client, "/deals?limit=2", **auth).json()
    assert (first["total"], first["page"], first["limit"], len(first["results"])) == (3, 1, 2, 2)
    assert first["previous"] is None and first["next"].endswith(f"{API}/deals?limit=2&page=2")
    second = client.get(first["next"], **auth).json()
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]
    ids = {d["public_id"] for d in first["results"] + second["results"]}
    assert len(ids) == 3
    inquiries = get(client, "/inquiries?role=buyer&status=accepted&limit=1&page=3", **auth).json()
    assert inquiries["total"] == 3 and len(inquiries["results"]) == 1 and inquiries["next"] is None
    assert get(client, "/inquiries?page=4&limit=1", **auth).json()["results"] == []


@pytest.mark.parametrize(
    "path, field",
    [
        ("/deals?page=124583240601719443292160", "page"),
        ("/inquiries?page=124583240601719443292160", "page"),
        ("/deals?limit=0", "limit"),
        ("/deals?limit=101", "limit"),
        ("/deals?status=unknown", "status"),
        ("/inquiries?status=signed", "status"),
        ("/inquiries?role=broker", "role"),
    ],
)
def test_out_of_range_or_unknown_list_parameters_are_422(client, li_wei, cn_org, path, field):
    response = get(client, path, **bearer(li_wei, cn_org))
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]


def test_offset_is_no_parameter_any_more(client, li_wei, cn_org):
    response = get(client, "/deals?offset=124583240601719443292160", **bearer(li_wei, cn_org))
    assert response.status_code == 200 and response.json()["page"] == 1


def test_hostile_bodies_are_4xx_naming_the_field(client, li_wei, cn_org, aigerim, kz_org):
    buyer, seller = bearer(li_wei, cn_org), bearer(aigerim, kz_org)
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    messages = f"{API}/inquiries/{inquiry.public_id}/messages"
    nested = b"[" * 100_000 + b"]" * 100_000
    response = client.post(messages, nested, content_type="application/json", **buyer)
    assert response.status_code == 422 and response.json()["errors"]
    response = client.post(messages, b'{"body": {"a": 1}}', content_type="application/json", **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]
    response = post(client, f"/inquiries/{inquiry.public_id}/messages", {"body": "nul\x00byte"}, **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]
    response = client.post(messages, {"body": "nul\x00byte"}, **buyer)  # multipart
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]
    response = client.post(messages, {"body": "see the file", "files": "42"}, **buyer)  # a text part
    assert response.status_code == 422 and list(response.json()["errors"]) == ["files"]
    response = post(client, f"/inquiries/{inquiry.public_id}/messages", {"body": "\ufeff \x1c"}, **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]
    assert not Message.objects.exists()

    response = post(client, f"/inquiries/{inquiry.public_id}/decline", {"reason": "no\x00"}, **seller)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]
    response = post(client, f"/inquiries/{inquiry.public_id}/decline", {"reason": "x" * 501}, **seller)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    for body, field in [
        ({"action": "cancel", "reason": "\x00"}, "reason"),
        ({"action": "agree", "expected_status": "negotiation"}, "expected_status"),
        ({"action": "fly"}, "action"),
    ]:
        response = post(client, f"/deals/{deal.public_id}/transitions", body, **buyer)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], body
    huge = 124583240601719443292160
    response = post(client, f"/deals/{deal.public_id}/terms/{huge}/reject", {"reason": "x"}, **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["version"]
    assert get(client, f"/deals/{deal.public_id}/documents/invoice", **buyer).status_code == 422


def test_a_huge_version_in_a_page_url_is_404(client, li_wei, cn_org, aigerim, kz_org):
    from django.urls import reverse

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    client.force_login(li_wei)
    url = reverse("deals:decide_terms", args=[deal.public_id, 124583240601719443292160])
    assert client.post(url, {"decision": "accept"}).status_code == 404


def test_the_schema_lists_the_fixed_choices(client):
    schema = client.get(f"{API}/openapi.json").json()

    def enum_of(path, name):
        [parameter] = [p for p in schema["paths"][f"{API}{path}"]["get"]["parameters"] if p["name"] == name]
        return next(s["enum"] for s in parameter["schema"]["anyOf"] if "enum" in s)

    assert enum_of("/inquiries", "role") == ["buyer", "seller"]
    assert "quoted" in enum_of("/inquiries", "status")
    assert "fulfilment" in enum_of("/deals", "status")
    names = {p["name"] for p in schema["paths"][f"{API}/deals"]["get"]["parameters"]}
    assert names == {"page", "limit", "status"}
    transition = schema["components"]["schemas"]["TransitionIn"]["properties"]
    assert transition["action"]["enum"] == ["agree", "sign", "start_fulfilment", "complete", "cancel"]
