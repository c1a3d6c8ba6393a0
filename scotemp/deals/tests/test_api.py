"""Deals API over HTTP: the whole lifecycle from a request to an agreed deal with its PDF, field errors
(422 naming the field), refused or raced steps (409), the wrong side (403), third parties (404) and
operators, who read a thread only once a party asked them in."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from scotemp.accounts import actions as account_actions
from scotemp.deals import actions
from scotemp.deals.models import Deal, Inquiry, Message, Quotation, TermSheet
from tests.factories import MembershipFactory, OrganizationFactory

from .helpers import open_deal, quoted_inquiry, send_rfq, status_changes

API = "/api/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bearer(user, org):
    _token, raw = account_actions.create_api_token(user, org.public_id, "deals", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, path, body=None, **headers):
    return client.post(f"{API}{path}", body or {}, content_type="application/json", **headers)


def get(client, path, **headers):
    return client.get(f"{API}{path}", **headers)


def quotation_body(**overrides):
    today = timezone.localdate()
    body = {
        "unit_price": "245.50",
        "currency": "USD",
        "quantity": "500",
        "unit": "TNE",
        "min_order": "100",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
        "lead_time_days": 21,
        "payment_terms": "30% T/T in advance",
        "valid_until": (today + datetime.timedelta(days=14)).isoformat(),
    }
    body.update(overrides)
    return body


def rfq_body(*sellers, **overrides):
    today = timezone.localdate()
    body = {
        "sellers": [str(s.public_id) for s in sellers],
        "goods": "Milling wheat",
        "hs_code": "100199",
        "quantity": "500",
        "unit": "TNE",
        "target_price": "230",
        "currency": "USD",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
        "delivery_from": (today + datetime.timedelta(days=30)).isoformat(),
        "delivery_until": (today + datetime.timedelta(days=60)).isoformat(),
    }
    body.update(overrides)
    return body


def test_lifecycle_from_request_to_agreed_deal_and_pdf(client, li_wei, cn_org, aigerim, kz_org):
    from django.core.management import call_command

    from scotemp.reference.fx import DEMO_RATES_CSV

    call_command("load_fx", str(DEMO_RATES_CSV), demo=True, verbosity=0)
    buyer, seller = bearer(li_wei, cn_org), bearer(aigerim, kz_org)
    response = post(
        client,
        "/inquiries",
        rfq_body(kz_org),
        **buyer,
    )
    assert response.status_code == 201, response.content
    rfq_id = response.json()["rfq"]
    [inquiry] = response.json()["inquiries"]
    assert inquiry["status"] == "open" and inquiry["quantity"] == "500.000" and inquiry["role"] == "buyer"
    iid = inquiry["public_id"]

    listed = get(client, "/inquiries?role=seller", **seller).json()
    assert listed["total"] == 1 and listed["results"][0]["rfq"] is None  # the seller never sees the RFQ
    assert get(client, "/inquiries?role=seller", **buyer).json()["total"] == 0

    first = post(client, f"/inquiries/{iid}/quotations", quotation_body(), **seller)
    assert first.status_code == 201, first.content
    revised = post(client, f"/inquiries/{iid}/quotations", quotation_body(unit_price="239.00"), **seller)
    assert revised.status_code == 201 and revised.json()["version"] == 2
    versions = get(client, f"/inquiries/{iid}/quotations", **buyer).json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "current"), (1, "superseded")]
    assert versions[0]["total"] == "119500.0000000"

    assert post(client, f"/inquiries/{iid}/messages", {"body": "Protein 12.5%?"}, **buyer).status_code == 201
    assert get(client, f"/inquiries/{iid}", **seller).json()["unread"] == 1
    assert post(client, f"/inquiries/{iid}/read", **seller).json()["unread"] == 0
    upload = SimpleUploadedFile("analysis.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"{API}/inquiries/{iid}/messages", {"body": "Lab report attached", "files": [upload]}, **seller
    )
    assert response.status_code == 201, response.content
    [attachment] = response.json()["attachments"]
    download = client.get(attachment["url"], **buyer)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert len(get(client, f"/inquiries/{iid}/messages", **buyer).json()) == 2

    comparison = get(client, f"/rfqs/{rfq_id}/comparison?currency=CNY", **buyer).json()
    [row] = comparison["rows"]
    assert row["currency"] == "USD" and row["unit_price"] == "239.0000" and row["is_demo"] is True
    assert Decimal(row["converted_unit_price"]) == (Decimal("239") * Decimal(row["rate"])).quantize(
        Decimal("0.01")
    )
    assert get(client, f"/rfqs/{rfq_id}/comparison", **seller).status_code == 404

    response = post(client, f"/quotations/{versions[0]['public_id']}/accept", **buyer)
    assert response.status_code == 201, response.content
    deal = response.json()
    assert deal["status"] == "negotiating" and deal["current_terms"]["unit_price"] == "239.0000"
    assert {a["action"] for a in deal["allowed_actions"]} == {"agree", "cancel"}
    did = deal["public_id"]
    assert get(client, f"/deals/{did}/documents/proforma?language=ru", **buyer).status_code == 409

    terms = deal["current_terms"]
    proposal = {k: terms[k] for k in ("goods", "hs_code", "quantity", "unit", "currency", "incoterm")}
    proposal.update(
        incoterm_place=terms["incoterm_place"],
        payment_terms=terms["payment_terms"],
        delivery_from=terms["delivery_from"],
        delivery_until=terms["delivery_until"],
        unit_price="241.00",
    )
    response = post(client, f"/deals/{did}/terms", proposal, **seller)
    assert response.status_code == 201 and response.json()["version"] == 2, response.content
    # The buyer may not agree while a proposal waits for an answer.
    refused = post(client, f"/deals/{did}/transitions", {"action": "agree"}, **buyer)
    assert refused.status_code == 409 and "accept or reject" in refused.json()["detail"]
    assert post(client, f"/deals/{did}/terms/2/accept", **buyer).json()["status"] == "accepted"

    # The buyer confirms version 2: recorded, the deal waits for the seller's confirmation.
    response = post(
        client, f"/deals/{did}/transitions", {"action": "agree", "expected_status": "negotiating"}, **buyer
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "negotiating"
    [confirmation] = response.json()["confirmations"]
    assert (confirmation["step"], confirmation["side"], confirmation["terms_version"]) == (
        "agree",
        "buyer",
        2,
    )
    agree = response.json()["allowed_actions"][0]
    assert agree["action"] == "agree" and agree["confirmed"] and not agree["enabled"]
    response = post(
        client, f"/deals/{did}/transitions", {"action": "agree", "expected_status": "negotiating"}, **seller
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "agreed" and response.json()["agreed_terms"]["version"] == 2
    assert response.json()["documents"] == ["proforma", "contract"]
    timeline = get(client, f"/deals/{did}/events", **seller).json()
    assert [e["kind"] for e in timeline] == [
        "opened",
        "terms_proposed",
        "terms_accepted",
        "terms_confirmed",
        "terms_confirmed",
        "transition",
    ]
    assert timeline[-1]["from_status"] == "negotiating" and timeline[-1]["to_status"] == "agreed"

    pdf = get(client, f"/deals/{did}/documents/contract?language=ru", **seller)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert get(client, f"/deals/{did}/documents/invoice?language=ru", **seller).status_code == 422
    assert [d["public_id"] for d in get(client, "/deals?status=agreed", **buyer).json()["results"]] == [did]


def test_field_errors_are_422_naming_the_field(client, li_wei, cn_org, aigerim, kz_org):
    buyer, seller = bearer(li_wei, cn_org), bearer(aigerim, kz_org)
    response = post(
        client,
        "/inquiries",
        {"sellers": [str(kz_org.public_id)], "goods": "Wheat", "hs_code": "9999"},
        **buyer,
    )
    assert response.status_code == 422  # what the schema requires is named first
    assert {"quantity", "unit", "incoterm"} <= set(response.json()["errors"])
    response = post(client, "/inquiries", rfq_body(kz_org, hs_code="9999"), **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["hs_code"]
    assert Inquiry.objects.count() == 0

    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    response = post(
        client, f"/inquiries/{inquiry.public_id}/quotations", quotation_body(unit_price="-1"), **seller
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unit_price"]
    text = SimpleUploadedFile("notes.pdf", b"just text, not a PDF", content_type="application/pdf")
    response = client.post(f"{API}/inquiries/{inquiry.public_id}/messages", {"files": [text]}, **seller)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["files"]
    response = post(client, f"/inquiries/{inquiry.public_id}/messages", {"body": "  "}, **seller)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]
    assert Message.objects.count() == 0
    response = post(client, "/inquiries", rfq_body(kz_org, lead=str(inquiry.public_id)), **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["lead"]
    response = post(client, "/inquiries", rfq_body(cn_org), **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["sellers"]
    assert Inquiry.objects.count() == 1
    response = post(client, f"/inquiries/{inquiry.public_id}/decline", {"reason": " "}, **seller)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]
    assert Quotation.objects.count() == 0

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    response = post(client, f"/deals/{deal.public_id}/transitions", {"action": "cancel"}, **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]
    response = post(client, f"/deals/{deal.public_id}/transitions", {"action": "fly"}, **buyer)
    assert response.status_code == 422 and list(response.json()["errors"]) == ["action"]
    response = post(client, f"/deals/{deal.public_id}/terms/1/reject", {"reason": ""}, **seller)
    assert response.status_code in {409, 422}  # version 1 is not a proposal: nothing to reject
    assert Deal.objects.get(pk=deal.pk).status == "negotiating"


def test_conflicts_are_409_and_change_nothing(client, li_wei, cn_org, aigerim, kz_org):
    buyer, seller = bearer(li_wei, cn_org), bearer(aigerim, kz_org)
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    assert post(client, f"/quotations/{quotation.public_id}/accept", **buyer).status_code == 201
    again = post(client, f"/quotations/{quotation.public_id}/accept", **buyer)
    assert again.status_code == 409 and again.json()["detail"]
    assert Deal.objects.count() == 1
    declined = post(client, f"/inquiries/{inquiry.public_id}/decline", {"reason": "sold out"}, **seller)
    assert declined.status_code == 409
    assert (
        post(client, f"/inquiries/{inquiry.public_id}/quotations", quotation_body(), **seller).status_code
        == 409
    )

    deal = Deal.objects.get()
    stale = post(
        client,
        f"/deals/{deal.public_id}/transitions",
        {"action": "sign", "expected_status": "agreed"},
        **seller,
    )
    assert stale.status_code == 409 and stale.json()["detail"]
    refused = post(client, f"/deals/{deal.public_id}/transitions", {"action": "sign"}, **seller)
    assert refused.status_code == 409
    assert status_changes(deal).count() == 0
    assert Deal.objects.get(pk=deal.pk).status == "negotiating"


def test_wrong_side_is_403(client, li_wei, cn_org, aigerim, kz_org):
    buyer, seller = bearer(li_wei, cn_org), bearer(aigerim, kz_org)
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    assert (
        post(client, f"/inquiries/{inquiry.public_id}/quotations", quotation_body(), **buyer).status_code
        == 403
    )
    assert post(client, f"/quotations/{quotation.public_id}/accept", **seller).status_code == 403
    assert post(client, f"/inquiries/{inquiry.public_id}/close", **seller).status_code == 403
    assert (
        post(client, f"/inquiries/{inquiry.public_id}/decline", {"reason": "no"}, **buyer).status_code == 403
    )
    assert Quotation.objects.filter(inquiry=inquiry).count() == 1
    deal = actions.accept_quotation(li_wei, quotation)
    for action in ("agree", "sign"):
        for side in (buyer, seller):
            response = post(client, f"/deals/{deal.public_id}/transitions", {"action": action}, **side)
            assert response.status_code == 200
    # Only the seller starts fulfilment.
    response = post(client, f"/deals/{deal.public_id}/transitions", {"action": "start_fulfilment"}, **buyer)
    assert response.status_code == 403
    assert Deal.objects.get(pk=deal.pk).status == "signed"


def test_third_parties_get_404(client, li_wei, cn_org, aigerim, kz_org, outsider):
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    message = Message.objects.create(inquiry=inquiry, organization=cn_org, author=li_wei, body="hi")
    deal = actions.accept_quotation(li_wei, quotation)
    stranger = MembershipFactory(organization=OrganizationFactory(), role="owner")
    paths = [
        f"/inquiries/{inquiry.public_id}",
        f"/inquiries/{inquiry.public_id}/messages",
        f"/inquiries/{inquiry.public_id}/quotations",
        f"/quotations/{quotation.public_id}",
        f"/rfqs/{inquiry.rfq.public_id}/comparison",
        f"/deals/{deal.public_id}",
        f"/deals/{deal.public_id}/events",
        f"/deals/{deal.public_id}/terms",
    ]
    for user, auth in [(outsider, {}), (stranger.user, bearer(stranger.user, stranger.organization))]:
        client.force_login(user)
        for path in paths:
            assert get(client, path, **auth).status_code == 404, path
        for path in [f"/inquiries/{inquiry.public_id}/messages", f"/deals/{deal.public_id}/transitions"]:
            body = {"body": "x"} if path.endswith("/messages") else {"action": "cancel", "reason": "x"}
            response = post(client, path, body, **auth)
            assert response.status_code == 404, path
        assert get(client, "/deals", **auth).json()["total"] == 0
        client.logout()
    assert Message.objects.filter(inquiry=inquiry).count() == 1 and message.pk


def test_operator_reads_a_thread_only_once_asked_in(client, li_wei, cn_org, aigerim, kz_org, operator):
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    client.force_login(operator)
    private = [
        f"/inquiries/{inquiry.public_id}",
        f"/inquiries/{inquiry.public_id}/messages",
        f"/inquiries/{inquiry.public_id}/quotations",
        f"/quotations/{quotation.public_id}",
    ]
    for path in private:
        assert get(client, path).status_code == 404, path
    assert get(client, "/inquiries").json()["total"] == 0

    client.force_login(aigerim)
    response = post(client, f"/inquiries/{inquiry.public_id}/operator-access", {"reason": "Payment dispute"})
    assert response.status_code == 200 and response.json()["operator_asked_in"] is True

    client.force_login(operator)
    for path in private:
        assert get(client, path).status_code == 200, path
    assert get(client, f"/inquiries/{inquiry.public_id}").json()["role"] is None
    # Reading is all: operators never write into a party's thread.
    assert post(client, f"/inquiries/{inquiry.public_id}/messages", {"body": "Hello"}).status_code == 403
    assert TermSheet.objects.count() == 0


def test_lists_read_a_fixed_number_of_queries(client, li_wei, cn_org, aigerim, kz_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    auth = bearer(li_wei, cn_org)
    get(client, "/deals", **auth)  # the token's first use writes last_used_at: not part of the count

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            response = get(client, path, **auth)
        assert response.status_code == 200
        return len(queries), response.json()["total"]

    for _i in range(2):
        open_deal(li_wei, cn_org, aigerim, kz_org)
    few = count("/deals"), count("/inquiries")
    for _i in range(3):
        open_deal(li_wei, cn_org, aigerim, kz_org)
    many = count("/deals"), count("/inquiries")
    assert [n for n, _total in many] == [n for n, _total in few]
    assert [total for _n, total in many] == [5, 5]


def test_documents_without_a_font_are_503(client, monkeypatch, li_wei, cn_org, aigerim, kz_org):
    from scotemp.deals import documents
    from scotemp.deals.tests.helpers import walk

    deal = walk(open_deal(li_wei, cn_org, aigerim, kz_org), li_wei, aigerim, "agreed")

    def no_font(*args, **kwargs):
        raise documents.DocumentsUnavailable("/nowhere/font.ttf")

    monkeypatch.setattr(documents, "render_document", no_font)
    response = get(
        client, f"/deals/{deal.public_id}/documents/proforma?language=en", **bearer(li_wei, cn_org)
    )
    assert response.status_code == 503
    assert "/nowhere/font.ttf" in response.json()["detail"]
    response = get(
        client, f"/deals/{deal.public_id}/documents/proforma?language=fr", **bearer(li_wei, cn_org)
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["language"]


def test_accept_can_award_the_request_and_close_the_other_inquiries(client, li_wei, cn_org, aigerim, kz_org):
    from scotemp.deals import actions
    from scotemp.deals.tests.helpers import quotation_values, send_rfq
    from tests.factories import OrganizationFactory

    other = OrganizationFactory()
    rfq = send_rfq(li_wei, cn_org, kz_org, other)
    quotation = actions.send_quotation(aigerim, rfq.inquiries.get(seller=kz_org), quotation_values())
    client.force_login(li_wei)
    response = post(client, f"/quotations/{quotation.public_id}/accept", {"close_others": True})
    assert response.status_code == 201, response.content
    assert rfq.inquiries.get(seller=other).status == "closed"
