"""The accounts API: who sees what, token authentication, error shapes, the OpenAPI schema."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from scotemp.accounts import actions
from scotemp.accounts.choices import Role
from scotemp.accounts.models import ApiToken, Membership
from tests.factories import MembershipFactory

API = "/api/v1"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_schema_and_docs_load(client, db):
    schema = client.get(f"{API}/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/me", "/api/v1/organizations/{public_id}", "/api/v1/tokens", "/api/v1/committees"):
        assert path in paths
    assert client.get(f"{API}/docs").status_code == 200


def test_me(client, aigerim, kz_org):
    assert client.get(f"{API}/me").status_code == 401
    client.force_login(aigerim)
    data = client.get(f"{API}/me").json()
    assert data["email"] == aigerim.email and data["language"] == "ru"
    assert data["organizations"] == [
        {
            "public_id": str(kz_org.public_id),
            "name": kz_org.name,
            "name_latin": kz_org.name_latin,
            "country": "KZ",
            "role": "owner",
            "member_count": 1,
        }
    ]
    assert data["active_organization"]["public_id"] == str(kz_org.public_id)


def test_json_keeps_non_ascii_readable(client, aigerim, kz_org):
    client.force_login(aigerim)
    assert "Айгерим".encode() in client.get(f"{API}/me").content


@pytest.mark.parametrize("who", ["anonymous", "outsider", "li_wei"])
def test_private_organization_endpoints_are_hidden(client, request, who, kz_org, aigerim):
    # GET/PATCH of the organization itself: scotemp/directory/tests/test_profile_api.py
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    expected = 401 if who == "anonymous" else 404
    base = f"{API}/organizations/{kz_org.public_id}"
    assert client.get(f"{base}/members").status_code == expected
    response = client.post(f"{base}/invitations", {"email": "a@b.test"}, content_type="application/json")
    assert response.status_code == expected
    assert response.json()["detail"]
    assert not kz_org.invitations.exists()


def test_owner_reads_members(client, aigerim, kz_org):
    client.force_login(aigerim)
    members = client.get(f"{API}/organizations/{kz_org.public_id}/members").json()
    assert members["total"] == 1 and members["next"] is None
    assert [(m["email"], m["role"]) for m in members["results"]] == [(aigerim.email, "owner")]


def test_invite_via_api(client, aigerim, kz_org, django_capture_on_commit_callbacks):
    client.force_login(aigerim)
    url = f"{API}/organizations/{kz_org.public_id}/invitations"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "new@example.test", "role": "admin"}, content_type="application/json"
        )
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "admin" and len(mail.outbox) == 1
    conflict = client.post(url, {"email": aigerim.email}, content_type="application/json")
    assert conflict.status_code == 409 and "email" in conflict.json()["errors"]
    missing = client.post(url, {}, content_type="application/json")
    assert missing.status_code == 422 and "email" in missing.json()["errors"]


def test_last_owner_error_over_api_is_409(client, aigerim, kz_org):
    # there is no API for leaving; the action's error renders through the same handler
    from scotemp.core.api.errors import validation_body, validation_status

    with pytest.raises(ValidationError) as exc:
        actions.leave_organization(aigerim, kz_org.public_id)
    assert validation_status(exc.value) == 409  # the input is fine; the current owners forbid it
    assert "owner" in validation_body(exc.value)["detail"]


# --- tokens --------------------------------------------------------------------------------------------


def test_token_authentication(client, aigerim, kz_org):
    _token, raw = actions.create_api_token(aigerim, kz_org.public_id, "script")
    response = client.get(f"{API}/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["active_organization"]["public_id"] == str(kz_org.public_id)
    assert client.get(f"{API}/organizations/{kz_org.public_id}/members", **bearer(raw)).status_code == 200
    assert client.get(f"{API}/me", **bearer(raw + "x")).status_code == 401
    assert client.get(f"{API}/me", **bearer("not-a-token")).status_code == 401


def test_revoked_token_is_401(client, aigerim, kz_org):
    token, raw = actions.create_api_token(aigerim, kz_org.public_id, "script")
    actions.revoke_api_token(aigerim, token.public_id)
    response = client.get(f"{API}/me", **bearer(raw))
    assert response.status_code == 401 and response.json()["detail"]


def test_token_stops_working_when_membership_ends(client, aigerim, kz_org):
    member = MembershipFactory(organization=kz_org, role=Role.ADMIN)
    _token, raw = actions.create_api_token(member.user, kz_org.public_id, "script")
    assert client.get(f"{API}/me", **bearer(raw)).status_code == 200
    Membership.objects.filter(pk=member.pk).delete()  # removed behind the actions' back
    assert client.get(f"{API}/me", **bearer(raw)).status_code == 401


def test_token_endpoints(client, aigerim, kz_org, li_wei):
    client.force_login(aigerim)
    response = client.post(
        f"{API}/tokens",
        {"name": "ERP", "organization": str(kz_org.public_id)},
        content_type="application/json",
    )
    assert response.status_code == 201
    secret = response.json()["secret"]
    public_id = response.json()["public_id"]
    listed = client.get(f"{API}/tokens").json()["results"]
    assert [t["name"] for t in listed] == ["ERP"] and "secret" not in listed[0]
    assert (listed[0]["scope"], listed[0]["status"], listed[0]["expires_at"]) == ("read", "active", None)
    assert secret not in json.dumps(listed)
    # a token cannot mint tokens
    client.logout()
    minted = client.post(
        f"{API}/tokens",
        {"name": "more", "organization": str(kz_org.public_id)},
        content_type="application/json",
        **bearer(secret),
    )
    assert minted.status_code == 403
    # someone else cannot revoke it
    client.force_login(li_wei)
    assert client.delete(f"{API}/tokens/{public_id}").status_code == 404
    client.force_login(aigerim)
    assert client.delete(f"{API}/tokens/{public_id}").status_code == 204
    assert ApiToken.objects.get(public_id=public_id).revoked_at is not None


def test_session_post_needs_csrf(aigerim, kz_org):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(aigerim)
    response = csrf_client.post(
        f"{API}/tokens", {"name": "x", "organization": str(kz_org.public_id)}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_my_organizations_query_count(client, aigerim, kz_org, django_assert_max_num_queries):
    from scotemp.accounts.models import Organization

    for i in range(6):
        org = Organization.objects.create(name=f"Org {i}", country=kz_org.country, type="trader")
        MembershipFactory(user=aigerim, organization=org)
    client.force_login(aigerim)
    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/organizations/mine")
    assert response.json()["total"] == 7 and len(response.json()["results"]) == 7
