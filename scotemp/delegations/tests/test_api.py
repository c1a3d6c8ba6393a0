"""The delegations API: paged list, detail (unpublished hidden, members-only note), create and change
through the same form and action as the pages (422 naming the field), a request to join retried with
the same Idempotency-Key, the programme inside the visit's dates, outcomes and the operator's totals."""

import datetime
import json

import pytest

from scotemp.delegations.models import Delegation, DelegationMember

from .data import add_item, add_member, make_delegation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/delegations"


def post(client, path, body, **headers):
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def test_list_is_paged_and_hides_unpublished(client, committee):
    for n in range(3):
        make_delegation(committee=committee, title_en=f"Visit {n}")
    make_delegation(committee=committee, title_en="Hidden", published=False)
    body = client.get(f"{BASE}?limit=2").json()
    assert body["total"] == 3 and len(body["results"]) == 2 and body["next"]
    assert "Hidden" not in json.dumps(body)
    assert client.get(f"{BASE}?direction=outbound").json()["total"] == 0
    assert client.get(f"{BASE}?country=UZ").json()["total"] == 3
    assert client.get(f"{BASE}?limit=1000").status_code == 422


def test_unpublished_is_404_to_others_and_seen_by_members(client, committee, aigerim, kz_org, li_wei):
    delegation = make_delegation(committee=committee, published=False)
    add_member(delegation, kz_org)
    url = f"{BASE}/{delegation.public_id}"
    assert client.get(url).status_code == 404
    client.force_login(li_wei)
    assert client.get(url).status_code == 404
    client.force_login(aigerim)
    body = client.get(url).json()
    assert body["members_note"] == "Meet at the hotel lobby at 08:30."
    assert body["my_membership"] == "accepted"


def test_members_only_note_is_hidden_from_the_public(client, committee):
    delegation = make_delegation(committee=committee)
    body = client.get(f"{BASE}/{delegation.public_id}").json()
    assert body["members_note"] is None and body["country"] == "UZ" and body["cities"] == ["CNCKG"]


def test_create_names_the_field_in_the_readers_language(client, secretary, committee):
    client.force_login(secretary)
    body = {
        "direction": "inbound",
        "country": "Узбекистан",
        "starts_on": "2099-05-10",
        "ends_on": "2099-05-08",
        "title_ru": "Делегация",
        "committee": committee.slug,
    }
    response = post(client, BASE, body, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["ends_on"]
    assert "Последний день" in response.json()["errors"]["ends_on"][0]
    body["ends_on"] = "2099-05-12"
    body["cities"] = ["CNCKG"]
    response = post(client, BASE, body)
    assert response.status_code == 201, response.content
    assert response.json()["cities"] == ["CNCKG"] and response.json()["committee"] == committee.slug


def test_patch_keeps_what_is_not_given(client, secretary, committee):
    delegation = make_delegation(committee=committee)
    client.force_login(secretary)
    response = client.patch(
        f"{BASE}/{delegation.public_id}",
        data=json.dumps({"head_name": "Aziz"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    delegation.refresh_from_db()
    assert delegation.head_name == "Aziz" and delegation.title_ru == "Ташкентская текстильная делегация"
    assert delegation.cities.count() == 1


def test_join_retried_with_the_same_key_answers_the_first_response(client, committee, aigerim, kz_org):
    delegation = make_delegation(committee=committee)
    client.force_login(aigerim)
    url = f"{BASE}/{delegation.public_id}/join"
    first = post(client, url, {"participants": "3"}, HTTP_IDEMPOTENCY_KEY="join-1")
    again = post(client, url, {"participants": "3"}, HTTP_IDEMPOTENCY_KEY="join-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert DelegationMember.objects.filter(delegation=delegation).count() == 1
    third = post(client, url, {"participants": "3"}, HTTP_IDEMPOTENCY_KEY="join-2")
    assert third.status_code == 200 and third.json()["status"] == "requested"


def test_join_without_an_organization_names_the_field(client, committee, outsider):
    delegation = make_delegation(committee=committee)
    client.force_login(outsider)
    response = post(client, f"{BASE}/{delegation.public_id}/join", {})
    assert response.status_code == 422 and "organization" in response.json()["errors"]


def test_programme_outside_the_dates_is_422_on_day(client, secretary, committee):
    delegation = make_delegation(committee=committee)
    client.force_login(secretary)
    url = f"{BASE}/{delegation.public_id}/programme"
    late = (delegation.ends_on + datetime.timedelta(days=1)).isoformat()
    response = post(client, url, {"day": late, "title_en": "Dinner"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["day"]
    response = post(
        client, url, {"day": delegation.starts_on.isoformat(), "title_en": "Dinner", "starts_at": "19:00"}
    )
    assert response.status_code == 201
    assert response.json()["programme"][0]["title"] == "Dinner"


def test_strangers_get_404_on_organizer_endpoints(client, committee, aigerim):
    delegation = make_delegation(committee=committee)
    item = add_item(delegation)
    client.force_login(aigerim)
    assert post(client, f"{BASE}/{delegation.public_id}/status", {"status": "confirmed"}).status_code == 404
    assert client.delete(f"{BASE}/{delegation.public_id}/programme/{item.pk}").status_code == 404
    assert post(client, f"{BASE}/{delegation.public_id}/outcomes", {"kind": "mou"}).status_code == 404


def test_status_and_outcomes_by_the_organizer(client, secretary, committee, kz_org):
    delegation = make_delegation(committee=committee)
    add_member(delegation, kz_org)
    client.force_login(secretary)
    url = f"{BASE}/{delegation.public_id}"
    assert post(client, f"{url}/status", {"status": "completed"}).status_code == 409
    assert post(client, f"{url}/status", {"status": "confirmed"}).json()["status"] == "confirmed"
    response = post(
        client, f"{url}/outcomes", {"kind": "mou", "note_en": "MoU", "organizations": [str(kz_org.public_id)]}
    )
    assert response.status_code == 201, response.content
    assert response.json()["outcomes"][0]["organizations"] == [str(kz_org.public_id)]
    assert post(client, f"{url}/outcomes", {"kind": "gift"}).status_code == 422


def test_members_added_accepted_and_removed(client, secretary, committee, kz_org, cn_org):
    delegation = make_delegation(committee=committee)
    request = add_member(delegation, cn_org, status="requested")
    client.force_login(secretary)
    url = f"{BASE}/{delegation.public_id}/members"
    response = post(client, url, {"organization": str(kz_org.public_id), "role": "host"})
    assert response.status_code == 201 and response.json()["role"] == "host"
    assert post(client, f"{url}/{request.pk}/accept", {}).json()["status"] == "accepted"
    assert client.delete(f"{url}/{request.pk}").status_code == 204
    assert list(Delegation.objects.get(pk=delegation.pk).members.values_list("organization", flat=True)) == [
        kz_org.pk
    ]


def test_totals_for_the_operator_only(client, operator, aigerim, committee):
    make_delegation(committee=committee)
    client.force_login(aigerim)
    assert client.get(f"{BASE}/report").status_code == 404
    client.force_login(operator)
    body = client.get(f"{BASE}/report").json()
    assert body["delegations"][0]["country"] == "UZ" and body["delegations"][0]["count"] == 1
