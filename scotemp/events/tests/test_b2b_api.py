"""The B2B API: what each caller sees (a participant only their own requests and meetings, the
organizer everything, anyone else 404), the business rules as 422 naming the field, a slot taken
as 409, and an outcome that starts an RFQ."""

import datetime
import json

import pytest
from django.utils import timezone

from scotemp.events.actions import b2b as actions
from scotemp.events.choices import B2BPhase, Priority
from scotemp.events.models import MeetingSlot

from .b2b_data import accepted, b2b_world, make_event, make_session


@pytest.fixture
def world(db, aigerim, kz_org, li_wei, cn_org):
    return b2b_world(aigerim, kz_org, li_wei, cn_org)


def post(client, user, path, body=None):
    client.force_login(user)
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


def get(client, user, path):
    client.force_login(user)
    return client.get(path)


def base(w):
    return f"/api/v1/events/{w.event.public_id}"


def test_session_and_directory_scores(client, world):
    response = get(client, world.li_wei, base(world) + "/b2b")
    assert response.status_code == 200
    body = response.json()
    assert body["phase"] == "requests_open" and len(body["slots"]) == 4 and body["participant"] == world.cn.pk
    response = get(client, world.li_wei, base(world) + "/b2b/participants")
    rows = response.json()["results"]
    assert rows[0]["id"] == world.kz.pk  # Aigerim offers the wheat Li Wei seeks (HS 1001): best match
    assert rows[0]["score"] >= 25 and rows[0]["needs_interpreter"] is True
    assert any("1001" in reason for reason in rows[0]["reasons"])


def test_outsider_sees_nothing(client, world, outsider):
    for path in ("/b2b", "/b2b/participants", "/b2b/requests", "/meetings", "/b2b/profile"):
        assert get(client, outsider, base(world) + path).status_code == 404, path
    response = post(client, outsider, base(world) + "/b2b/requests", {"recipient": world.kz.pk})
    assert response.status_code == 404


def test_request_flow_and_privacy(client, world):
    response = post(
        client,
        world.aigerim,
        base(world) + "/b2b/requests",
        {"recipient": world.cn.pk, "priority": Priority.MUST, "message": "Wheat?"},
    )
    assert response.status_code == 201, response.content
    request_id = response.json()["public_id"]
    # The third participant does not see it, nor can act on it.
    listed = get(client, world.by_user, base(world) + "/b2b/requests").json()
    assert listed["total"] == 0
    assert post(client, world.by_user, base(world) + f"/b2b/requests/{request_id}/accept").status_code == 404
    # The sender cannot accept their own request (403), the recipient can.
    assert post(client, world.aigerim, base(world) + f"/b2b/requests/{request_id}/accept").status_code == 403
    response = post(client, world.li_wei, base(world) + f"/b2b/requests/{request_id}/accept")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    slots = get(client, world.li_wei, base(world) + f"/b2b/requests/{request_id}/slots").json()
    assert len(slots) == 4
    response = post(
        client, world.li_wei, base(world) + f"/b2b/requests/{request_id}/booking", {"slot": slots[0]["id"]}
    )
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["interpreter"] is not None and len(meeting["participants"]) == 2
    # Booking the same request again: 409.
    again = post(
        client, world.aigerim, base(world) + f"/b2b/requests/{request_id}/booking", {"slot": slots[1]["id"]}
    )
    assert again.status_code == 409
    # Meetings: each side sees it; the third participant none; the organizer all.
    assert get(client, world.aigerim, base(world) + "/meetings").json()["total"] == 1
    assert get(client, world.by_user, base(world) + "/meetings").json()["total"] == 0
    assert get(client, world.organizer, base(world) + "/meetings").json()["total"] == 1
    assert (
        post(client, world.by_user, base(world) + f"/b2b/meetings/{meeting['public_id']}/cancel").status_code
        == 404
    )


def test_slot_of_another_session_is_422(client, world):
    request = accepted(world.session, world.by_user, world.by, world.aigerim, world.kz)
    other = make_session(world.organizer, make_event(days=50))
    response = post(
        client,
        world.by_user,
        base(world) + f"/b2b/requests/{request.public_id}/booking",
        {"slot": other.slots.first().pk},
    )
    assert response.status_code == 422
    assert "slot" in response.json()["errors"]


def test_closed_phase_is_422_naming_the_rule(client, world):
    actions.set_phase(world.organizer, world.session, B2BPhase.REQUESTS_CLOSED)
    response = post(client, world.by_user, base(world) + "/b2b/requests", {"recipient": world.cn.pk})
    assert response.status_code == 422
    assert response.json()["errors"]["phase"][0] == "Meeting requests are not open (phase: Requests closed)."
    client.force_login(world.aigerim)
    client.cookies["scotemp_language"] = "ru"
    response = client.post(
        base(world) + "/b2b/requests",
        data=json.dumps({"recipient": world.cn.pk}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    assert response.json()["errors"]["phase"][0] == (
        "Запросы на встречи сейчас не принимаются (этап: Приём запросов закрыт)."
    )


def test_organizer_sets_up_and_participants_cannot(client, world):
    assert post(client, world.aigerim, base(world) + "/b2b/phase", {"phase": "final"}).status_code == 404
    response = post(client, world.organizer, base(world) + "/b2b/tables", {"count": 2})
    assert response.status_code == 201 and len(response.json()) == 2
    response = post(
        client, world.organizer, base(world) + "/b2b/interpreters", {"name": "Ли На", "pairs": ["zh-en"]}
    )
    assert response.status_code == 201
    response = post(
        client, world.organizer, base(world) + "/b2b/interpreters", {"name": "X", "pairs": ["zh"]}
    )
    assert response.status_code == 422 and "pairs" in response.json()["errors"]


def test_profile_and_availability(client, world):
    client.force_login(world.aigerim)
    response = client.patch(
        base(world) + "/b2b/profile", data=json.dumps({"offer_hs": ["9999"]}), content_type="application/json"
    )
    assert response.status_code == 422 and "offer_hs" in response.json()["errors"]
    slot = world.session.slots.first()
    response = client.put(
        base(world) + "/b2b/availability",
        data=json.dumps({"slots": [slot.pk]}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["available_slots"] == [slot.pk]


def test_outcome_with_rfq_via_api(client, world):
    request = accepted(world.session, world.li_wei, world.cn, world.aigerim, world.kz)
    past = MeetingSlot.objects.create(
        session=world.session,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=2, minutes=40),
    )
    meeting = actions.place_meeting(world.organizer, request, past)
    body = {
        "outcome": "rfq",
        "note": "Prices for 500 t",
        "rfq": {
            "goods": "Milling wheat",
            "hs_code": "100199",
            "quantity": "500",
            "unit": "TNE",
            "incoterm": "FCA",
            "incoterm_place": "KZALA",
        },
    }
    response = post(client, world.li_wei, base(world) + f"/b2b/meetings/{meeting.public_id}/outcome", body)
    assert response.status_code == 200, response.content
    rfq_id = response.json()["rfq"]
    assert rfq_id
    # The RFQ's page says where it came from.
    client.force_login(world.li_wei)
    page = client.get(f"/deals/rfq/{rfq_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "from-b2b-meeting" in html and world.kz.organization.name in html


def test_outcome_links_a_deal_of_the_two(client, world, outsider):
    from scotemp.deals.tests.helpers import open_deal

    request = accepted(world.session, world.li_wei, world.cn, world.aigerim, world.kz)
    past = MeetingSlot.objects.create(
        session=world.session,
        starts_at=timezone.now() - datetime.timedelta(hours=5),
        ends_at=timezone.now() - datetime.timedelta(hours=4, minutes=40),
    )
    meeting = actions.place_meeting(world.organizer, request, past)
    deal = open_deal(world.li_wei, world.cn.organization, world.aigerim, world.kz.organization)
    path = base(world) + f"/b2b/meetings/{meeting.public_id}/outcome"
    response = post(client, world.aigerim, path, {"outcome": "deal", "deal": str(deal.public_id)})
    assert response.status_code == 200, response.content
    assert response.json()["deal"] == str(deal.public_id)
    assert deal.meeting_outcomes.get().participant == world.kz
    # A deal the caller cannot see is 404.
    response = post(
        client, world.aigerim, path, {"outcome": "deal", "deal": "00000000-0000-4000-8000-000000000000"}
    )
    assert response.status_code == 404
