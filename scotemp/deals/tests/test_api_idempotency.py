"""Idempotency-Key on the deals API: a retried quotation or transition is answered from the stored
response and not repeated; a reused key with another body is refused; a retry while the first request
runs is a conflict; a server error is not stored, so its retry runs again. With a session and with an
API token (each scopes its own keys)."""

import hashlib
import json

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from scotemp.accounts import actions as account_actions
from scotemp.core.models import IdempotencyRecord
from scotemp.deals import actions
from scotemp.deals.models import Deal, Quotation

from .helpers import open_deal, send_rfq, status_changes
from .test_api import quotation_body

API = "/api/v1"


def _post(client, path, body: dict, key: str, **headers):
    return client.post(
        f"{API}{path}",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def _fingerprint(path: str, body: dict) -> str:
    # Same recipe as the middleware: method, full path and raw body.
    return hashlib.sha256(b"POST\0" + f"{API}{path}".encode() + b"\0" + json.dumps(body).encode()).hexdigest()


@pytest.fixture
def seller_token(aigerim, kz_org):
    _token, raw = account_actions.create_api_token(aigerim, kz_org.public_id, "erp", scope="write")
    return raw


def test_quotation_retry_with_a_token_is_replayed_once(client, li_wei, cn_org, aigerim, kz_org, seller_token):
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {seller_token}"}
    path, body = f"/inquiries/{inquiry.public_id}/quotations", quotation_body()
    first = _post(client, path, body, "quote-1", **auth)
    assert first.status_code == 201, first.content
    assert "Idempotent-Replayed" not in first
    again = _post(client, path, body, "quote-1", **auth)
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Quotation.objects.filter(inquiry=inquiry).count() == 1

    other = _post(client, path, quotation_body(unit_price="199"), "quote-1", **auth)
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]
    assert Quotation.objects.filter(inquiry=inquiry).count() == 1

    # A new key is a new request: the revision happens.
    assert _post(client, path, quotation_body(unit_price="199"), "quote-2", **auth).status_code == 201
    assert Quotation.objects.filter(inquiry=inquiry).count() == 2


def test_transition_retry_with_a_session(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    actions.transition_deal(aigerim, deal, "agree")  # the seller confirmed: the buyer's step completes it
    client = Client()
    client.force_login(li_wei)
    path = f"/deals/{deal.public_id}/transitions"
    body = {"action": "agree", "expected_status": "negotiating"}
    first = _post(client, path, body, "agree-1")
    assert first.status_code == 200 and first.json()["status"] == "agreed"
    again = _post(client, path, body, "agree-1")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert status_changes(deal).count() == 1
    assert IdempotencyRecord.objects.filter(scope=f"u:{li_wei.pk}", key="agree-1").count() == 1

    # Keys belong to their caller: the seller's same key is a different request.
    seller = Client()
    seller.force_login(aigerim)
    actions.transition_deal(li_wei, deal, "sign")
    response = _post(seller, path, {"action": "sign", "expected_status": "agreed"}, "agree-1")
    assert response.status_code == 200 and response.json()["status"] == "signed"

    # A refused transition (409) is stored too: the retry gets the same refusal, nothing runs.
    cancel = {"action": "cancel", "reason": "price", "expected_status": "agreed"}
    refused = _post(client, path, cancel, "cancel-1")
    assert refused.status_code == 409
    assert _post(client, path, cancel, "cancel-1")["Idempotent-Replayed"] == "true"
    assert Deal.objects.get(pk=deal.pk).status == "signed"


def test_retry_while_the_first_is_running_is_409(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    client = Client()
    client.force_login(li_wei)
    path = f"/deals/{deal.public_id}/transitions"
    body = {"action": "agree", "expected_status": "negotiating"}
    IdempotencyRecord.objects.create(
        scope=f"u:{li_wei.pk}", key="agree-1", fingerprint=_fingerprint(path, body), status_code=None
    )
    response = _post(client, path, body, "agree-1")
    assert response.status_code == 409
    with translation.override(li_wei.language):  # the answer speaks the caller's language
        expected = gettext("A request with this Idempotency-Key is still being processed; retry later.")
    assert response.json()["detail"] == expected
    assert Deal.objects.get(pk=deal.pk).status == "negotiating"
    assert status_changes(deal).count() == 0


def test_a_server_error_is_not_stored(monkeypatch, li_wei, cn_org, aigerim, kz_org, seller_token):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    actions.transition_deal(li_wei, deal, "agree")
    client = Client(raise_request_exception=False)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {seller_token}"}
    path = f"/deals/{deal.public_id}/transitions"
    body = {"action": "agree", "expected_status": "negotiating"}
    real = actions.transition_deal

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "transition_deal", broken)
    failed = _post(client, path, body, "agree-1", **auth)
    assert failed.status_code == 500
    assert not IdempotencyRecord.objects.filter(key="agree-1").exists()
    assert Deal.objects.get(pk=deal.pk).status == "negotiating"

    monkeypatch.setattr(actions, "transition_deal", real)
    retried = _post(client, path, body, "agree-1", **auth)
    assert retried.status_code == 200 and "Idempotent-Replayed" not in retried
    assert retried.json()["status"] == "agreed"
    assert status_changes(deal).count() == 1


def test_a_large_attachment_retried_with_its_key_is_posted_once(li_wei, cn_org, aigerim, kz_org):
    """Files above Django's in-memory limit (2.5 MB) go through too: the key hashes the parsed upload
    instead of the raw body, and a retry with another file is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from scotemp.deals.models import Attachment, Message
    from scotemp.verification.tests.conftest import PDF

    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    client = Client()
    client.force_login(aigerim)
    big = PDF[:-6] + b"0" * (3 * 1024 * 1024) + PDF[-6:]  # 3 MB, still a PDF by its bytes

    def post(content, key):
        upload = SimpleUploadedFile("specification.pdf", content, "application/pdf")
        return client.post(
            f"{API}/inquiries/{inquiry.public_id}/messages",
            {"body": "Specification", "files": upload},
            HTTP_IDEMPOTENCY_KEY=key,
        )

    first = post(big, "msg-1")
    assert first.status_code == 201, first.content
    again = post(big, "msg-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert (Message.objects.count(), Attachment.objects.count()) == (1, 1)
    other = post(big[:-7] + b"1" + big[-6:], "msg-1")
    assert other.status_code == 422
    assert Message.objects.count() == 1
