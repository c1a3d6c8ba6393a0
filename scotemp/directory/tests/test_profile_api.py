"""The profile API: public fields for everyone, contacts for signed-in users, completeness for
members; PATCH through the same action as the page; handover requests and the operator's queue."""

import pytest
from django.core.exceptions import PermissionDenied

from scotemp.accounts.choices import Role
from scotemp.accounts.models import Membership
from scotemp.directory import actions
from scotemp.directory.models import HandoverRequest
from tests.factories import MembershipFactory, UserFactory

API = "/api/v1/organizations"
USCC = "91110000600037341L"


def patch(client, org, data, **extra):
    return client.patch(f"{API}/{org.public_id}", data, content_type="application/json", **extra)


@pytest.fixture
def kz_profile(aigerim, kz_org):
    actions.update_profile(
        aigerim,
        kz_org.public_id,
        description_ru="Экспорт пшеницы.",
        contact_email="sales@astyk.kz",
        exports=["1001"],
    )
    return kz_org


def test_anonymous_reads_public_fields_without_contacts(client, kz_profile):
    response = client.get(f"{API}/{kz_profile.public_id}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == kz_profile.name and data["country"] == "KZ"
    assert data["contacts"] is None and data["completeness"] is None
    assert "sales@astyk.kz" not in response.content.decode()
    assert data["description"] == "Экспорт пшеницы." and data["description_is_fallback"] is True
    assert data["exports"][0]["code"] == "1001"


def test_signed_in_outsider_sees_contacts_but_not_completeness(client, kz_profile, outsider):
    client.force_login(outsider)
    data = client.get(f"{API}/{kz_profile.public_id}").json()
    assert data["contacts"]["email"] == "sales@astyk.kz" and data["completeness"] is None


def test_member_sees_completeness(client, kz_profile, aigerim):
    client.force_login(aigerim)
    data = client.get(f"{API}/{kz_profile.public_id}").json()
    assert 0 < data["completeness"]["percent"] < 100
    assert "documents" in data["completeness"]["missing_keys"]


def test_unknown_organization_is_404(client, db):
    assert client.get(f"{API}/00000000-0000-0000-0000-000000000000").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "outsider", "li_wei"])
def test_patch_by_non_members(client, request, who, kz_org, aigerim):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = patch(client, kz_org, {"name": "x"})
    assert response.status_code == (401 if who == "anonymous" else 404)
    kz_org.refresh_from_db()
    assert kz_org.name != "x"


def test_plain_member_cannot_patch(client, kz_org, aigerim):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    client.force_login(member.user)
    assert patch(client, kz_org, {"name": "x"}).status_code == 403


def test_owner_patches(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = patch(
        client,
        kz_org,
        {
            "website": "https://astyk.kz",
            "registry_type": "kz_bin",
            "registry_id": "180140 012349",
            "activities": ["exporter"],
            "exports": ["1001", "1003"],
            "certifications": [
                {"scheme": "iso9001", "valid_from": "2024-01-01", "valid_until": "2027-01-01"}
            ],
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["registry_id"] == "180140012349" and data["activities"] == ["exporter"]
    assert [e["code"] for e in data["exports"]] == ["1001", "1003"]
    assert data["certifications"][0]["is_valid"] is True


def test_patch_errors_are_422_by_field_and_nothing_changes(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = patch(
        client,
        kz_org,
        {
            "name": "Renamed",
            "registry_type": "kz_bin",
            "registry_id": "123",
            "certifications": [{"scheme": "haccp", "valid_from": "2025-01-01", "valid_until": "2024-01-01"}],
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"registry_id", "certifications.0.valid_until"}
    assert "12 цифр" in errors["registry_id"][0]  # in the Russian-speaking owner's language
    kz_org.refresh_from_db()
    assert kz_org.name != "Renamed"
    assert patch(client, kz_org, {"country": "ZZ"}).status_code == 422
    assert patch(client, kz_org, {"type": "pirate"}).status_code == 422  # schema


def test_errors_in_russian_for_django_messages(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = patch(client, kz_org, {"website": "not a url"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert "URL" in response.json()["errors"]["website"][0]
    assert "Enter a valid URL" not in response.json()["errors"]["website"][0]


def test_duplicate_identifier_is_409_and_handover_flow(client, li_wei, cn_org, aigerim, kz_org, operator):
    actions.update_profile(li_wei, cn_org.public_id, registry_type="cn_uscc", registry_id=USCC)
    client.force_login(aigerim)
    response = patch(
        client, kz_org, {"country": "CN", "city": "", "registry_type": "cn_uscc", "registry_id": USCC}
    )
    assert response.status_code == 409
    assert "registry_id" in response.json()["errors"]

    requester = UserFactory()
    client.force_login(requester)
    response = client.post(
        f"{API}/{cn_org.public_id}/handover-requests",
        {"message": "I run it."},
        content_type="application/json",
    )
    assert response.status_code == 201
    request_id = response.json()["public_id"]
    assert client.get(f"{API}/handover-requests").status_code == 404  # not an operator
    url = f"{API}/handover-requests/{request_id}/decision"
    assert client.post(url, {"approve": True}, content_type="application/json").status_code == 404

    client.force_login(operator)
    queue = client.get(f"{API}/handover-requests").json()
    assert [item["public_id"] for item in queue["results"]] == [request_id] and queue["total"] == 1
    response = client.post(url, {"approve": True}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert Membership.objects.get(user=requester, organization=cn_org).role == Role.OWNER
    assert (
        client.post(url, {"approve": False, "note": "x"}, content_type="application/json").status_code == 409
    )
    assert HandoverRequest.objects.count() == 1


def test_handover_request_needs_sign_in(client, cn_org):
    response = client.post(
        f"{API}/{cn_org.public_id}/handover-requests", {"message": "mine"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_openapi_lists_profile_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "patch"} <= set(paths["/api/v1/organizations/{public_id}"])
    assert "post" in paths["/api/v1/organizations/{public_id}/handover-requests"]
    assert "get" in paths["/api/v1/organizations/handover-requests"]
    assert "post" in paths["/api/v1/organizations/handover-requests/{request_id}/decision"]


def test_get_query_count(client, kz_profile, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        assert client.get(f"{API}/{kz_profile.public_id}").status_code == 200


def test_every_entry_point_answers_the_same_for_a_plain_member_and_a_foreign_token(
    client, kz_org, aigerim, cn_org, li_wei
):
    """The action decides: 403 for a member who sees the organization but may not edit it, 404 for a
    token of another organization (even when its user owns kz_org too), from the page and the API."""
    from scotemp.accounts import actions as account_actions
    from scotemp.directory import actions as directory_actions

    member = MembershipFactory(organization=kz_org, role=Role.MEMBER).user
    client.force_login(member)
    assert patch(client, kz_org, {"name": "x"}).status_code == 403
    assert client.get(f"/directory/{kz_org.public_id}/edit/").status_code == 403
    with pytest.raises(PermissionDenied):
        directory_actions.update_profile(member, kz_org.public_id, name="x")
    client.logout()

    MembershipFactory(user=aigerim, organization=cn_org, role=Role.OWNER)
    _token, raw = account_actions.create_api_token(aigerim, cn_org.public_id, "cn", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert patch(client, kz_org, {"name": "x"}, **auth).status_code == 404
    assert patch(client, cn_org, {"website": "cq.example.cn"}, **auth).status_code == 200
    assert client.get(f"{API}/{kz_org.public_id}", **auth).json()["completeness"] is None
    kz_org.refresh_from_db()
    assert kz_org.name != "x"


def test_patch_refuses_empty_required_fields_and_non_object_bodies(client, aigerim, kz_org):
    client.force_login(aigerim)
    for field in ("name", "type", "country"):
        response = patch(client, kz_org, {field: None})
        assert response.status_code == 422, field
        assert list(response.json()["errors"]) == [field]
    for body in ("[null, null]", '"name"', "3"):  # JSON texts that are not objects
        response = patch(client, kz_org, body)
        assert response.status_code == 422, body
        errors = response.json()["errors"]  # in the caller's language (aigerim's is Russian)
        assert list(errors) == ["__all__"] and "JSON" in errors["__all__"][0]


def test_handover_status_changes_are_audited_and_the_requester_told(client, cn_org, operator):
    from scotemp.core.effects import history

    requester = UserFactory()
    client.force_login(requester)
    response = client.post(
        f"{API}/{cn_org.public_id}/handover-requests", {"message": "Mine."}, content_type="application/json"
    )
    item = HandoverRequest.objects.get(public_id=response.json()["public_id"])
    client.force_login(operator)
    url = f"{API}/handover-requests/{item.public_id}/decision"
    response = client.post(url, {"approve": False}, content_type="application/json")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["note"]
    client.post(url, {"approve": False, "note": "No proof."}, content_type="application/json")
    assert [(e.verb, e.from_status, e.to_status) for e in history(item)] == [
        ("directory.handover_requested", "", "pending"),
        ("directory.handover_decided", "pending", "rejected"),
    ]
    notification = requester.notifications.get()
    assert notification.kind == "directory.handover_rejected" and notification.params["note"] == "No proof."
