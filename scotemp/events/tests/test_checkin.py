"""Check-in at the door: idempotent, by code or by the URL in the QR code; wrong event, unknown code
and unconfirmed registrations say so; only the organizer's staff check in (pages and API)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from scotemp.events.actions import checkin as actions
from scotemp.events.actions.registrations import register
from scotemp.events.choices import RegistrationStatus

from .event_data import make_event

pytestmark = pytest.mark.django_db


def code_of(error: ValidationError) -> str:
    return error.error_dict["code"][0].code


@pytest.fixture
def confirmed(aigerim):
    return register(aigerim, make_event(), "seller")


def test_check_in_is_idempotent(confirmed, operator):
    first = actions.check_in(operator, confirmed.event, confirmed.badge_token)
    assert not first.already and first.registration.checked_in_at is not None
    at = first.registration.checked_in_at
    second = actions.check_in(operator, confirmed.event, confirmed.badge_token)
    assert second.already and second.registration.checked_in_at == at
    assert second.registration.checked_in_by == operator


def test_the_scanned_url_works_as_the_code(confirmed, operator):
    url = "https://temp.example.org" + reverse(
        "events:checkin_badge", args=[confirmed.event.public_id, confirmed.badge_token]
    )
    assert actions.check_in(operator, confirmed.event, url).registration == confirmed


def test_wrong_event_unknown_code_and_unconfirmed(confirmed, operator, li_wei):
    other = make_event(title_en="Other forum")
    with pytest.raises(ValidationError) as exc:
        actions.check_in(operator, other, confirmed.badge_token)
    assert code_of(exc.value) == "other_event"
    with pytest.raises(ValidationError) as exc:
        actions.check_in(operator, confirmed.event, "no-such-code")
    assert code_of(exc.value) == "unknown"
    pending = register(li_wei, make_event(requires_approval=True), "buyer")
    assert pending.status == RegistrationStatus.PENDING
    with pytest.raises(ValidationError) as exc:
        actions.check_in(operator, pending.event, pending.badge_token)
    assert code_of(exc.value) == "not_confirmed"


def test_only_the_organizer_checks_in(confirmed, aigerim):
    with pytest.raises(PermissionDenied):
        actions.check_in(aigerim, confirmed.event, confirmed.badge_token)


def test_scanning_page_says_already_checked_in(client, confirmed, operator):
    client.force_login(operator)
    url = reverse("events:checkin", args=[confirmed.event.public_id])
    response = client.post(url, {"code": confirmed.badge_token})
    assert response.status_code == 200 and "is checked in" in response.content.decode()
    response = client.post(url, {"code": confirmed.badge_token})
    assert "was already checked in at" in response.content.decode()
    response = client.post(url, {"code": "nope"})
    assert response.status_code == 400 and "no badge has this code" in response.content.decode()


def test_the_badge_url_shows_whose_badge_it_is(client, confirmed, operator, aigerim):
    url = reverse("events:checkin_badge", args=[confirmed.event.public_id, confirmed.badge_token])
    client.force_login(aigerim)  # the attendee herself is not staff: the page does not exist for her
    assert client.get(url).status_code == 404
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200 and aigerim.full_name in response.content.decode()


def test_check_in_api(client, confirmed, operator):
    client.force_login(operator)
    url = f"/api/v1/events/{confirmed.event.public_id}/check-in"
    first = client.post(url, {"code": confirmed.badge_token}, content_type="application/json")
    assert first.status_code == 200 and first.json()["already_checked_in"] is False
    again = client.post(url, {"code": confirmed.badge_token}, content_type="application/json")
    assert again.json()["already_checked_in"] is True
    wrong = client.post(url, {"code": "nope"}, content_type="application/json")
    assert wrong.status_code == 422 and "code" in wrong.json()["errors"]


def test_badge_page_and_qr(client, confirmed, aigerim, li_wei):
    client.force_login(aigerim)
    page = client.get(reverse("events:badge", args=[confirmed.public_id]))
    assert page.status_code == 200 and confirmed.badge_token in page.content.decode()
    qr = client.get(reverse("events:badge_qr", args=[confirmed.public_id]))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    client.force_login(li_wei)
    assert client.get(reverse("events:badge", args=[confirmed.public_id])).status_code == 404
