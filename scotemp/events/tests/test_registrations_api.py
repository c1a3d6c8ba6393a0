"""The events API: list and detail (drafts hidden), register (retried with the same Idempotency-Key:
one registration, the same answer), closed events refused with a translated 422, my registrations,
cancel, and the organizer's list, approve and decline."""

import pytest

from scotemp.events.choices import EventStatus, RegistrationStatus
from scotemp.events.models import Registration

from .event_data import add_session, make_event

pytestmark = pytest.mark.django_db


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def test_list_and_detail(client):
    event = make_event(capacity=5)
    add_session(event)
    make_event(title_en="Draft", status=EventStatus.DRAFT)
    body = client.get("/api/v1/events").json()
    assert body["total"] == 1 and body["results"][0]["seats_left"] == 5
    detail = client.get(f"/api/v1/events/{event.public_id}").json()
    assert detail["sessions"][0]["interpretation"] == ["ru", "en"]
    assert client.get("/api/v1/events?kind=webinar").json()["total"] == 0
    assert client.get("/api/v1/events?when=past").json()["total"] == 0


def test_register_retry_with_idempotency_key(client, aigerim):
    event = make_event()
    client.force_login(aigerim)
    url = f"/api/v1/events/{event.public_id}/registrations"
    first = post(
        client, url, {"attendee_type": "seller", "time_zone": "Asia/Almaty"}, HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = post(
        client, url, {"attendee_type": "seller", "time_zone": "Asia/Almaty"}, HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Registration.objects.filter(event=event).count() == 1
    assert first.json()["status"] == RegistrationStatus.CONFIRMED and first.json()["badge_url"]
    # without the key, a second attempt is a duplicate: 409
    assert post(client, url, {"attendee_type": "seller"}).status_code == 409
    mine = client.get("/api/v1/events/registrations/mine").json()
    assert mine["total"] == 1 and mine["results"][0]["time_zone"] == "Asia/Almaty"


def test_closed_event_is_a_translated_422(client, aigerim):
    event = make_event(status=EventStatus.CANCELLED)
    client.force_login(aigerim)
    response = post(
        client,
        f"/api/v1/events/{event.public_id}/registrations",
        {"attendee_type": "seller"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    assert "отмен" in response.json()["detail"].lower()


def test_needs_an_organization_names_the_field(client, outsider):
    event = make_event()
    client.force_login(outsider)
    response = post(client, f"/api/v1/events/{event.public_id}/registrations", {"attendee_type": "investor"})
    assert response.status_code == 422 and "attendee_type" in response.json()["errors"]


def test_cancel_and_organizer_decisions(client, aigerim, li_wei, operator):
    event = make_event(requires_approval=True, capacity=1)
    client.force_login(aigerim)
    mine = post(client, f"/api/v1/events/{event.public_id}/registrations", {"attendee_type": "seller"}).json()
    assert mine["status"] == RegistrationStatus.PENDING
    client.force_login(li_wei)
    theirs = post(
        client, f"/api/v1/events/{event.public_id}/registrations", {"attendee_type": "buyer"}
    ).json()
    assert theirs["status"] == RegistrationStatus.WAITLISTED and theirs["waitlist_position"] == 1
    # Li Wei cannot approve, nor see Aigerim's registration
    assert post(client, f"/api/v1/events/registrations/{mine['public_id']}/approve").status_code == 404
    assert client.get(f"/api/v1/events/{event.public_id}/registrations").status_code == 404
    client.force_login(operator)
    listed = client.get(f"/api/v1/events/{event.public_id}/registrations").json()
    assert listed["total"] == 2
    approved = post(client, f"/api/v1/events/registrations/{mine['public_id']}/approve")
    assert approved.json()["status"] == RegistrationStatus.CONFIRMED
    again = post(client, f"/api/v1/events/registrations/{mine['public_id']}/approve")
    assert again.status_code == 409
    client.force_login(aigerim)
    cancelled = post(client, f"/api/v1/events/registrations/{mine['public_id']}/cancel")
    assert cancelled.json()["status"] == RegistrationStatus.CANCELLED
    promoted = Registration.objects.get(public_id=theirs["public_id"])
    assert promoted.status == RegistrationStatus.PENDING  # the event needs approval: promoted to pending
    client.force_login(operator)
    declined = post(client, f"/api/v1/events/registrations/{promoted.public_id}/decline", {"reason": "Full."})
    assert declined.json()["status"] == RegistrationStatus.DECLINED


def test_unknown_time_zone_is_a_422_naming_the_field(client, aigerim):
    event = make_event()
    client.force_login(aigerim)
    url = f"/api/v1/events/{event.public_id}/registrations"
    response = post(client, url, {"attendee_type": "seller", "time_zone": "Mars/Olympus"})
    assert response.status_code == 422 and "time_zone" in response.json()["errors"]
    assert not Registration.objects.exists()
