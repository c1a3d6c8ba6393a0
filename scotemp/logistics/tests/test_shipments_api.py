"""The shipments API: a resent batch records nothing twice, out-of-order events, refusals with the
index and field, someone else's shipment is 404, the consignee reads but does not post, paging."""

import datetime
import json

import pytest

from scotemp.accounts import actions as account_actions
from scotemp.deals.tests.conftest import deal  # noqa: F401 (fixture: kz_org sells wheat FCA Khorgos to cn_org)
from scotemp.logistics.models import Shipment, TrackingEvent

from .shipment_helpers import ev, start, wheat_shipment

H = datetime.timedelta(hours=1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(aigerim, kz_org, cn_org):
    return wheat_shipment(aigerim, kz_org, consignee=cn_org)


def url(shipment, tail=""):
    return f"/api/v1/logistics/shipments/{shipment.public_id}{tail}"


def post(client, path, body, **headers):
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def batch(n, t0):
    return [
        ev(
            "ACT",
            "GTIN" if i % 2 else "LOAD",
            t0 + i * datetime.timedelta(minutes=1),
            "KZALA",
            equipment_reference="CSQU3054383",
            provider_event_id=f"ev-{i}",
        )
        for i in range(n)
    ]


def test_resent_batch_records_nothing_twice(client, aigerim, shipment):
    client.force_login(aigerim)
    events = batch(50, start() - 5 * H)
    first = post(client, url(shipment, "/events"), {"events": events})
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 50
    ids = [r["id"] for r in first.json()["results"]]
    assert (
        TrackingEvent.objects.filter(public_id__in=ids).count() == 50
    )  # the ids answered are the rows stored
    listed = client.get(url(shipment, "/events?limit=100")).json()["results"]
    stored = [datetime.datetime.fromisoformat(e["event_at"]) for e in listed]
    assert stored == sorted(datetime.datetime.fromisoformat(e["event_at"]) for e in events)  # times as sent
    again = post(client, url(shipment, "/events"), {"events": events})
    assert again.status_code == 200
    body = again.json()
    assert (body["created"], body["duplicates"]) == (0, 50)
    assert {r["status"] for r in body["results"]} == {"duplicate"}
    assert TrackingEvent.objects.filter(shipment=shipment).count() == 50
    assert Shipment.objects.get(pk=shipment.pk).events_count == 50


def test_batch_with_an_invalid_event_writes_nothing(client, aigerim, shipment):
    client.force_login(aigerim)
    events = batch(3, start())
    events[1]["event_type"] = "XXXX"
    events[2]["event_at"] = "2026-12-01 10:00"  # no zone
    response = post(client, url(shipment, "/events"), {"events": events})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"events.1.event_type", "events.2.event_at"}
    assert not TrackingEvent.objects.filter(shipment=shipment).exists()


def test_refusal_is_translated(client, aigerim, shipment):
    client.force_login(aigerim)
    events = batch(1, start())
    events[0]["classifier"] = "ZZZ"
    response = post(client, url(shipment, "/events"), {"events": events}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    message = response.json()["errors"]["events.0.classifier"][0]
    assert any("\u0400" <= c <= "\u04ff" for c in message), message


def test_arrival_before_departure_refused(client, aigerim, shipment):
    client.force_login(aigerim)
    t0 = start()
    response = post(
        client,
        url(shipment, "/events"),
        {"events": [ev("ACT", "DEPA", t0 + 10 * H, "KZALA"), ev("ACT", "ARRI", t0 + 2 * H, "KZ-ALTYNKOL")]},
    )
    assert response.status_code == 422
    assert "events.1.event_at" in response.json()["errors"]


def test_out_of_order_events_are_listed_by_event_time(client, aigerim, shipment):
    client.force_login(aigerim)
    t0 = start()
    post(client, url(shipment, "/events"), {"events": [ev("ACT", "ARRI", t0 + 20 * H, "KZ-ALTYNKOL")]})
    post(client, url(shipment, "/events"), {"events": [ev("ACT", "DEPA", t0, "KZALA")]})
    listed = client.get(url(shipment, "/events")).json()
    assert [e["event_type"] for e in listed["results"]] == ["DEPA", "ARRI"]
    assert listed["total"] == 2


def test_someone_elses_shipment_is_404(client, outsider, li_wei, shipment):
    client.force_login(outsider)
    assert post(client, url(shipment, "/events"), {"events": batch(1, start())}).status_code == 404
    assert client.get(url(shipment)).status_code == 404
    client.force_login(li_wei)  # the consignee reads, but may not post events
    assert client.get(url(shipment)).status_code == 200
    assert post(client, url(shipment, "/events"), {"events": batch(1, start())}).status_code == 403
    assert not TrackingEvent.objects.exists()


def test_token_of_the_provider_posts(client, aigerim, kz_org, cn_org, outsider):
    from tests.factories import MembershipFactory, OrganizationFactory

    forwarder = OrganizationFactory(name="Sibir Trans")
    dmitry = MembershipFactory(organization=forwarder, role="owner").user
    shipment = wheat_shipment(aigerim, kz_org, consignee=cn_org, provider=forwarder)
    _token, raw = account_actions.create_api_token(dmitry, forwarder.public_id, "feed", scope="write")
    response = post(
        client, url(shipment, "/events"), {"events": batch(2, start())}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2
    assert set(TrackingEvent.objects.values_list("organization_id", flat=True)) == {forwarder.pk}


def test_batch_over_the_limit_is_422(client, aigerim, shipment):
    client.force_login(aigerim)
    response = post(client, url(shipment, "/events"), {"events": batch(501, start() - 20 * H)})
    assert response.status_code == 422
    assert "events" in response.json()["errors"]


def test_create_and_list(client, aigerim, cn_org):
    client.force_login(aigerim)
    body = {
        "origin": "KZALA",
        "destination": "CNCKG",
        "cargo_description": "Wheat",
        "consignee": str(cn_org.public_id),
        "weight_kg": "64000",
        "equipment": [{"equipment_type": "40GP", "number": "CSQU3054383"}],
        "legs": [{"mode": "rail", "from_code": "KZALA", "to_code": "CNCKG"}],
    }
    created = post(client, "/api/v1/logistics/shipments", body)
    assert created.status_code == 201, created.content
    assert created.json()["reference"].startswith("SCO-")
    assert created.json()["tracking_url"]
    bad = post(
        client,
        "/api/v1/logistics/shipments",
        {**body, "equipment": [{"equipment_type": "40GP", "number": "CSQU3054384"}]},
    )
    assert bad.status_code == 422 and "equipment.0.number" in bad.json()["errors"]
    listed = client.get("/api/v1/logistics/shipments?status=booked")
    assert listed.json()["total"] == 1


def test_shipment_from_a_deal(client, aigerim, li_wei, deal):  # noqa: F811
    from scotemp.logistics.queries.shipments import initial_from_deal

    initial = initial_from_deal(deal)
    assert (initial["shipper"], initial["consignee"], initial["origin"]) == (deal.seller, deal.buyer, "KZHOR")
    client.force_login(aigerim)
    page = client.get(f"/logistics/shipments/new/?deal={deal.public_id}")
    assert page.status_code == 200 and "KZHOR" in page.content.decode()
    body = {
        "origin": "KZHOR",
        "destination": "CNCKG",
        "cargo_description": initial["cargo_description"],
        "consignee": str(deal.buyer.public_id),
        "deal": str(deal.public_id),
    }
    created = post(client, "/api/v1/logistics/shipments", body)
    assert created.status_code == 201, created.content
    assert created.json()["deal"] == str(deal.public_id)
    client.force_login(li_wei)  # the buyer sees the shipment of its deal as consignee
    assert client.get(f"/api/v1/logistics/shipments/{created.json()['public_id']}").status_code == 200


def test_patch_the_plan_recomputes_the_eta(client, aigerim, li_wei, shipment):
    from scotemp.notifications.models import Notification

    client.force_login(aigerim)
    t0 = start()
    post(client, url(shipment, "/events"), {"events": [ev("EST", "ARRI", t0 + 140 * H, "CNCKG")]})
    assert not Notification.objects.filter(kind="logistics.shipment_delayed").exists()  # 20 h: within 24 h
    earlier = (t0 + 100 * H).isoformat()
    response = client.patch(
        url(shipment), data=json.dumps({"planned_arrival": earlier}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["delay_hours"] == 40.0
    assert Notification.objects.filter(user=li_wei, kind="logistics.shipment_delayed").count() == 1
    bad = client.patch(
        url(shipment),
        data=json.dumps({"planned_departure": (t0 + 200 * H).isoformat()}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "planned_arrival" in bad.json()["errors"]
    client.force_login(li_wei)  # the consignee reads but does not change the plan
    assert (
        client.patch(
            url(shipment), data=json.dumps({"delay_threshold_hours": 5}), content_type="application/json"
        ).status_code
        == 403
    )
