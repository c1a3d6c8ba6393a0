"""The freight API: shapes, paging, 404 for outsiders, 403 for the side whose turn it is not, 409 for
a step the state forbids, 422 naming the field, Idempotency-Key, CSV all or nothing."""

import datetime
import json
import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import timezone

from scotemp.logistics.actions import freight as actions
from scotemp.logistics.models import FreightInquiry, FreightQuote, FreightRequest, LaneRate

from .freight_helpers import lane_values, make_provider, quote_values, send_request

BASE = "/api/v1/logistics"
TODAY = timezone.localdate()


def post(client, path, body, **headers):
    return client.post(BASE + path, data=json.dumps(body), content_type="application/json", **headers)


def rate_body(**overrides):
    body = {
        "origin": "CNCKG",
        "destination": "RUMOW",
        "mode": "rail",
        "equipment": "40GP",
        "basis": "container",
        "price": "6500",
        "currency": "USD",
        "transit_days_min": 14,
        "transit_days_max": 18,
        "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    body.update(overrides)
    return body


def request_body(**overrides):
    body = {
        "origin": "CNCKG",
        "destination": "RUMOW",
        "goods": "Aluminium ingots",
        "hs_code": "7601",
        "weight_kg": "22000",
        "equipment": "40GP",
        "units": 2,
        "ready_date": (TODAY + datetime.timedelta(days=7)).isoformat(),
    }
    body.update(overrides)
    return body


@pytest.fixture
def forwarder(db):
    return make_provider("Sibir Forwarding", country="RU")


@pytest.fixture
def carrier(db):
    return make_provider("Almaty Rail Carrier", country="KZ", activity="carrier")


def test_publish_list_patch_withdraw(client, forwarder):
    org, user = forwarder
    client.force_login(user)
    created = post(client, "/lane-rates", rate_body())
    assert created.status_code == 201, created.content
    rate = created.json()
    assert rate["price"] == "6500.00" and rate["provider"]["public_id"] == str(org.public_id)
    client.logout()
    listed = client.get(BASE + "/lane-rates?origin=CNCKG&destination=RUMOW&limit=1").json()
    assert listed["total"] == 1 and listed["results"][0]["public_id"] == rate["public_id"]
    assert client.get(BASE + "/lane-rates?mode=sea").json()["total"] == 0
    client.force_login(user)
    patched = client.patch(
        f"{BASE}/lane-rates/{rate['public_id']}",
        data=json.dumps({"price": "6400"}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["price"] == "6400.00"
    assert client.delete(f"{BASE}/lane-rates/{rate['public_id']}").json()["withdrawn"] is True
    assert client.get(BASE + "/lane-rates").json()["total"] == 0


def test_lane_rate_422_names_the_field(client, forwarder):
    client.force_login(forwarder[1])
    response = post(
        client, "/lane-rates", rate_body(valid_from=(TODAY + datetime.timedelta(days=40)).isoformat())
    )
    assert response.status_code == 422
    assert "valid_until" in response.json()["errors"]
    response = post(client, "/lane-rates", rate_body(origin="ZZZZZ"))
    assert response.status_code == 422 and "origin" in response.json()["errors"]
    response = post(client, "/lane-rates", rate_body(price="-1"))
    assert response.status_code == 422 and "price" in response.json()["errors"]
    assert not LaneRate.objects.exists()


def test_non_provider_gets_a_translated_403(client, aigerim):
    client.force_login(aigerim)
    response = post(client, "/lane-rates", rate_body(), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    assert "Only service providers" not in response.json()["detail"]  # translated, not English
    assert not LaneRate.objects.exists()


def test_other_providers_rate_is_404(client, forwarder, carrier):
    rate = actions.publish_lane_rate(forwarder[1], forwarder[0], lane_values())
    client.force_login(carrier[1])
    assert client.delete(f"{BASE}/lane-rates/{rate.public_id}").status_code == 404
    assert (
        client.patch(
            f"{BASE}/lane-rates/{rate.public_id}", data="{}", content_type="application/json"
        ).status_code
        == 404
    )


def _csv(text):
    return SimpleUploadedFile("rates.csv", text.encode(), content_type="text/csv")


def test_csv_upload_all_or_nothing(client, forwarder):
    client.force_login(forwarder[1])
    until = (TODAY + datetime.timedelta(days=30)).isoformat()
    header = "origin,destination,mode,equipment,basis,price,currency,valid_from,valid_until\n"
    good = f"CNCKG,RUMOW,rail,40GP,container,6500,USD,{TODAY},{until}\n"
    bad = f"CNCKG,UZTAS,rail,40GP,container,0,USD,{TODAY},{until}\n"
    response = client.post(BASE + "/lane-rates/csv", {"file": _csv(header + good + bad)})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["row 3: price"]
    assert not LaneRate.objects.exists()
    response = client.post(
        BASE + "/lane-rates/csv", {"file": _csv(header + good + good.replace("40GP", "40HC"))}
    )
    assert response.status_code == 201 and response.json()["created"] == 2
    assert LaneRate.objects.count() == 2


def test_service_offers(client, forwarder):
    client.force_login(forwarder[1])
    body = {
        "kind": "customs_brokerage",
        "title": "Таможенное оформление в Новосибирске",
        "description": "Декларирование импорта из Китая",
        "language": "ru",
        "countries": ["RU"],
        "places": ["RUOVB"],
    }
    created = post(client, "/service-offers", body)
    assert created.status_code == 201, created.content
    offer = created.json()
    assert offer["places"] == ["RUOVB"] and offer["countries"] == ["RU"]
    client.logout()
    assert client.get(BASE + "/service-offers?country=RU").json()["total"] == 1
    assert client.get(BASE + "/service-offers?kind=cargo_insurance").json()["total"] == 0
    client.force_login(forwarder[1])
    patched = client.patch(
        f"{BASE}/service-offers/{offer['public_id']}",
        data=json.dumps({"title": "Брокер"}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Брокер"
    assert patched.json()["places"] == ["RUOVB"]
    bad = post(client, "/service-offers", {**body, "places": ["ZZZZZ"]})
    assert bad.status_code == 422 and "places" in bad.json()["errors"]


def test_request_quote_book_flow(client, li_wei, cn_org, forwarder, carrier):
    f_org, f_user = forwarder
    c_org, c_user = carrier
    client.force_login(li_wei)
    body = request_body(providers=[str(f_org.public_id), str(c_org.public_id)])
    created = post(client, "/freight-requests", body, HTTP_IDEMPOTENCY_KEY="req-1")
    assert created.status_code == 201, created.content
    again = post(client, "/freight-requests", body, HTTP_IDEMPOTENCY_KEY="req-1")
    assert again.json()["public_id"] == created.json()["public_id"]
    assert FreightRequest.objects.count() == 1 and FreightInquiry.objects.count() == 2
    inquiries = {i["provider"]["public_id"]: i["public_id"] for i in created.json()["inquiries"]}
    f_inquiry, c_inquiry = inquiries[str(f_org.public_id)], inquiries[str(c_org.public_id)]

    quote = {
        "price": "7000", "currency": "USD", "basis": "container",
        "transit_days_min": 15, "transit_days_max": 18,
        "valid_until": (TODAY + datetime.timedelta(days=10)).isoformat(),
    }  # fmt: skip
    # The shipper may not quote: 403 (it can see the inquiry), not 404.
    assert post(client, f"/freight-inquiries/{f_inquiry}/quotes", quote).status_code == 403

    client.force_login(f_user)
    # The provider sees its inquiry only: not the request, nor the other provider's inquiry.
    mine = client.get(BASE + "/freight-inquiries").json()
    assert [i["public_id"] for i in mine["results"]] == [f_inquiry] and mine["results"][0]["request"] is None
    assert client.get(f"{BASE}/freight-requests/{created.json()['public_id']}").status_code == 404
    assert client.get(f"{BASE}/freight-inquiries/{c_inquiry}").status_code == 404
    bad = post(client, f"/freight-inquiries/{f_inquiry}/quotes", {**quote, "transit_days_max": 5})
    assert bad.status_code == 422 and "transit_days_max" in bad.json()["errors"]
    sent = post(client, f"/freight-inquiries/{f_inquiry}/quotes", quote)
    assert sent.status_code == 201 and sent.json()["version"] == 1
    message = post(
        client, f"/freight-inquiries/{f_inquiry}/messages", {"body": "Loading at Tuanjiecun terminal."}
    )
    assert message.status_code == 201

    client.force_login(c_user)
    post(client, f"/freight-inquiries/{c_inquiry}/quotes", {**quote, "price": "6900"})
    assert client.get(f"{BASE}/freight-inquiries/{f_inquiry}/messages").status_code == 404

    client.force_login(li_wei)
    detail = client.get(f"{BASE}/freight-requests/{created.json()['public_id']}?currency=USD").json()
    assert [row["total"] for row in detail["comparison"]] == ["13800.00", "14000.00"]
    assert detail["inquiries"][0]["unread"] + detail["inquiries"][1]["unread"] == 1
    booked = post(client, f"/freight-quotes/{sent.json()['public_id']}/book", {})
    assert booked.status_code == 200 and booked.json()["status"] == "booked"
    twice = post(client, f"/freight-quotes/{sent.json()['public_id']}/book", {})
    assert twice.status_code == 409
    client.force_login(c_user)
    assert client.get(f"{BASE}/freight-inquiries/{c_inquiry}").json()["status"] == "not_chosen"
    late = post(client, f"/freight-inquiries/{c_inquiry}/decline", {"reason": "too late"})
    assert late.status_code == 409


def test_request_422_and_outsider_404(client, li_wei, cn_org, forwarder, outsider):
    client.force_login(li_wei)
    body = request_body(providers=[str(forwarder[0].public_id)], weight_kg="0")
    response = post(client, "/freight-requests", body)
    assert response.status_code == 422 and "weight_kg" in response.json()["errors"]
    response = post(client, "/freight-requests", request_body())
    assert response.status_code == 422 and "providers" in response.json()["errors"]
    response = post(client, "/freight-requests", request_body(to_lane=True))
    assert response.status_code == 422 and "providers" in response.json()["errors"]
    req = send_request(li_wei, cn_org, forwarder[0])
    inquiry = req.inquiries.get()
    client.force_login(outsider)
    for path in (f"/freight-requests/{req.public_id}", f"/freight-inquiries/{inquiry.public_id}"):
        assert client.get(BASE + path).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_booking_twice_at_once_books_once(li_wei, cn_org):
    f_org, f_user = make_provider("Race Forwarding", country="RU")
    c_org, c_user = make_provider("Race Carrier", country="KZ")
    req = send_request(li_wei, cn_org, f_org, c_org)
    a = actions.send_freight_quote(f_user, req.inquiries.get(provider=f_org), quote_values())
    b = actions.send_freight_quote(
        c_user, req.inquiries.get(provider=c_org), quote_values(price=Decimal("6000"))
    )
    barrier = threading.Barrier(6)
    outcomes = []

    def try_book(quote_id):
        from django.core.exceptions import ValidationError

        try:
            quote = FreightQuote.objects.get(pk=quote_id)
            barrier.wait()
            actions.book_freight_quote(li_wei, quote)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=try_book, args=((a if i % 2 else b).pk,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("conflict") == 5
    assert FreightQuote.objects.filter(status="booked").count() == 1


def test_expired_quote_is_409_and_the_provider_cannot_book(client, li_wei, cn_org, forwarder):
    req = send_request(li_wei, cn_org, forwarder[0])
    quote = actions.send_freight_quote(forwarder[1], req.inquiries.get(), quote_values())
    client.force_login(forwarder[1])
    assert post(client, f"/freight-quotes/{quote.public_id}/book", {}).status_code == 403
    FreightQuote.objects.filter(pk=quote.pk).update(valid_until=TODAY - datetime.timedelta(days=1))
    client.force_login(li_wei)
    response = post(client, f"/freight-quotes/{quote.public_id}/book", {}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 409
    assert "expired" not in response.json()["detail"]  # said in Russian
    cancelled = post(client, f"/freight-requests/{req.public_id}/cancel", {})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert post(client, f"/freight-requests/{req.public_id}/cancel", {}).status_code == 409
    client.force_login(forwarder[1])
    inquiry = client.get(f"{BASE}/freight-inquiries?role=provider").json()["results"][0]
    assert inquiry["status"] == "cancelled" and inquiry["current_quote"] is None
