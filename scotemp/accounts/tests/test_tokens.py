"""API tokens end to end: a token acts for its one organization, a read-only token only reads, an
expired or revoked token is refused, and the settings page, the API and ``issue_token`` make tokens
with each access and expiry."""

import datetime
import re
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from scotemp.accounts import actions
from scotemp.accounts.choices import Role
from scotemp.accounts.models import ApiToken, Invitation, Membership, Organization
from scotemp.core.effects import history
from scotemp.core.permissions import bind_organization
from tests.factories import MembershipFactory, OrganizationFactory

API = "/api/v1"
READ_ONLY = "This API token may only read. Create a token with write access."


def bearer(raw, language="en"):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": language}


@pytest.fixture
def org_b(aigerim, kz_org):
    """A second organization of Aigerim's (she owns both), with a colleague and an open invitation."""
    org = OrganizationFactory(name="Astyk Logistics", country=kz_org.country)
    MembershipFactory(user=aigerim, organization=org, role=Role.OWNER)
    MembershipFactory(organization=org, role=Role.MEMBER)
    actions.invite_member(aigerim, org.public_id, "b-guest@example.test")
    return org


@pytest.fixture
def token_a(aigerim, kz_org, org_b):
    """A write token of Aigerim's for kz_org (organization A) only."""
    _token, raw = actions.create_api_token(aigerim, kz_org.public_id, "A script", scope="write")
    return raw


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- a token acts for its one organization -------------------------------------------------------------


def test_token_reads_its_own_organization(client, aigerim, kz_org, token_a):
    actions.invite_member(aigerim, kz_org.public_id, "a-guest@example.test")
    members = _results(client.get(f"{API}/organizations/{kz_org.public_id}/members", **bearer(token_a)))
    assert [m["email"] for m in members] == [aigerim.email]
    invitations = _results(
        client.get(f"{API}/organizations/{kz_org.public_id}/invitations", **bearer(token_a))
    )
    assert [i["email"] for i in invitations] == ["a-guest@example.test"]


def test_token_for_a_hides_the_users_other_organization(client, aigerim, kz_org, org_b, token_a):
    mine = _results(client.get(f"{API}/organizations/mine", **bearer(token_a)))
    assert [o["public_id"] for o in mine] == [str(kz_org.public_id)]
    me = client.get(f"{API}/me", **bearer(token_a)).json()
    assert [o["public_id"] for o in me["organizations"]] == [str(kz_org.public_id)]
    assert me["active_organization"]["public_id"] == str(kz_org.public_id)
    assert (me["token"]["scope"], me["token"]["organization"]["name"]) == ("write", kz_org.name)
    # The same user signed in sees both.
    client.force_login(aigerim)
    assert len(_results(client.get(f"{API}/organizations/mine"))) == 2


def test_token_for_a_gets_404_on_every_private_endpoint_of_b(client, aigerim, org_b, token_a):
    base = f"{API}/organizations/{org_b.public_id}"
    colleague = Membership.objects.filter(organization=org_b).exclude(user=aigerim).get()
    invitation = Invitation.objects.get(organization=org_b)
    json = {"content_type": "application/json"}
    calls = [
        client.get(f"{base}/members", **bearer(token_a)),
        client.patch(f"{base}/members/{colleague.pk}", {"role": "admin"}, **json, **bearer(token_a)),
        client.delete(f"{base}/members/{colleague.pk}", **bearer(token_a)),
        client.get(f"{base}/invitations", **bearer(token_a)),
        client.post(f"{base}/invitations", {"email": "x@example.test"}, **json, **bearer(token_a)),
        client.delete(f"{base}/invitations/{invitation.public_id}", **bearer(token_a)),
    ]
    assert [c.status_code for c in calls] == [404] * len(calls), [c.content for c in calls]
    colleague.refresh_from_db()
    invitation.refresh_from_db()
    assert colleague.role == Role.MEMBER and invitation.status == "pending"
    assert not Invitation.objects.filter(email="x@example.test").exists()


def test_token_for_a_neither_lists_nor_revokes_the_tokens_of_b(client, aigerim, kz_org, org_b, token_a):
    token_b, _raw = actions.create_api_token(aigerim, org_b.public_id, "B script")
    listed = _results(client.get(f"{API}/tokens", **bearer(token_a)))
    assert [t["name"] for t in listed] == ["A script"]
    assert client.delete(f"{API}/tokens/{token_b.public_id}", **bearer(token_a)).status_code == 404
    token_b.refresh_from_db()
    assert token_b.revoked_at is None


def test_binding_limits_the_organization_queries(aigerim, kz_org, org_b):
    assert set(Organization.objects.of_member(aigerim)) == {kz_org, org_b}
    bind_organization(aigerim, kz_org.pk)
    assert list(Organization.objects.of_member(aigerim)) == [kz_org]
    assert list(Organization.objects.private_to(aigerim)) == [kz_org]
    from scotemp.accounts.queries import role_in

    assert (role_in(aigerim, kz_org), role_in(aigerim, org_b)) == ("owner", None)


def test_an_operators_token_has_no_operator_powers(client, operator, kz_org, li_wei, cn_org):
    MembershipFactory(user=operator, organization=kz_org, role=Role.MEMBER)
    _token, raw = actions.create_api_token(operator, kz_org.public_id, "ops", scope="write")
    assert client.get(f"{API}/me", **bearer(raw)).json()["is_operator"] is False
    assert client.get(f"{API}/organizations/{cn_org.public_id}/members", **bearer(raw)).status_code == 404
    client.force_login(operator)  # signed in, the operator moderates every organization
    assert client.get(f"{API}/organizations/{cn_org.public_id}/members").status_code == 200


def test_a_token_cannot_make_tokens(client, aigerim, kz_org, token_a):
    response = client.post(
        f"{API}/tokens",
        {"name": "more", "organization": str(kz_org.public_id), "scope": "write"},
        content_type="application/json",
        **bearer(token_a),
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Create tokens from your settings page, not with another token."
    assert ApiToken.objects.count() == 1


# --- a read-only token only reads ------------------------------------------------------------------------


def _operations(method_filter):
    from config.api import api

    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if method_filter(method.upper()):
                yield method.upper(), path


INTEGER_PARAMETERS = {"member_id", "match_id", "application_id", "version"}


def _concrete(path: str) -> str:
    """Any value for each path parameter: the token is refused before the parameters are read."""

    def value(match):
        return "1" if match.group(1) in INTEGER_PARAMETERS else str(uuid.uuid4())

    return re.sub(r"\{(\w+)\}", value, path)


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_read_only_token_gets_403_on_every_write_of_the_api(client, aigerim, kz_org, language):
    _token, raw = actions.create_api_token(aigerim, kz_org.public_id, "reader")
    with translation.override(language):
        expected = gettext(READ_ONLY)
    writes = list(_operations(lambda m: m not in {"GET", "HEAD", "OPTIONS"}))
    assert len(writes) > 30  # every app's POST, PATCH and DELETE
    for method, path in writes:
        response = getattr(client, method.lower())(
            _concrete(path), data="{}", content_type="application/json", **bearer(raw, language)
        )
        assert response.status_code == 403, f"{method} {path}: {response.status_code}"
        assert response.json()["detail"] == expected, f"{method} {path}"


def test_read_only_token_reads(client, aigerim, kz_org):
    actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    _token, raw = actions.create_api_token(aigerim, kz_org.public_id, "reader")
    base = f"{API}/organizations/{kz_org.public_id}"
    reads = [
        f"{API}/me",
        f"{API}/organizations/mine",
        f"{API}/tokens",
        f"{base}/members",
        f"{base}/invitations",
    ]
    for url in reads:
        assert client.get(url, **bearer(raw)).status_code == 200, url
    # and changes nothing: the same requests that work with a write token are refused
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    assert (
        client.patch(
            f"{base}/members/{member.pk}", {"role": "admin"}, content_type="application/json", **bearer(raw)
        ).status_code
        == 403
    )
    member.refresh_from_db()
    assert member.role == Role.MEMBER


# --- expired and revoked tokens --------------------------------------------------------------------------


def test_expired_token_is_401(client, aigerim, kz_org):
    token, raw = actions.create_api_token(
        aigerim, kz_org.public_id, "short", expires_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert client.get(f"{API}/me", **bearer(raw)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(f"{API}/me", **bearer(raw))
    assert response.status_code == 401 and response.json()["detail"]
    assert client.post(f"{API}/notifications/read", **bearer(raw)).status_code == 401
    token.refresh_from_db()
    assert token.status == ApiToken.EXPIRED


def test_revoked_token_is_401(client, aigerim, kz_org):
    token, raw = actions.create_api_token(aigerim, kz_org.public_id, "script", scope="write")
    assert client.delete(f"{API}/tokens/{token.public_id}", **bearer(raw)).status_code == 204
    assert client.get(f"{API}/me", **bearer(raw)).status_code == 401
    token.refresh_from_db()
    assert token.status == ApiToken.REVOKED
    assert [e.verb for e in history(token)] == ["api_token.created", "api_token.revoked"]


# --- making tokens over the API --------------------------------------------------------------------------


def test_api_creates_tokens_with_scope_and_expiry(client, aigerim, kz_org):
    client.force_login(aigerim)
    url, org = f"{API}/tokens", str(kz_org.public_id)
    expires = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    response = client.post(
        url,
        {"name": "ERP", "organization": org, "scope": "write", "expires_at": expires.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["scope"], body["status"]) == ("write", "active") and body["secret"].startswith("sco_")
    assert datetime.datetime.fromisoformat(body["expires_at"]) == expires
    token = ApiToken.objects.get(public_id=body["public_id"])
    assert (token.scope, token.expires_at) == ("write", expires)
    # defaults: read only, no expiry
    default = client.post(url, {"name": "plain", "organization": org}, content_type="application/json")
    assert (default.json()["scope"], default.json()["expires_at"]) == ("read", None)
    # a moment without a time zone is read in the platform's
    moment = (timezone.localtime() + datetime.timedelta(days=10)).replace(tzinfo=None, microsecond=0)
    naive = client.post(
        url,
        {"name": "naive", "organization": org, "expires_at": moment.isoformat()},
        content_type="application/json",
    )
    assert naive.status_code == 201, naive.content
    assert ApiToken.objects.get(name="naive").expires_at == timezone.make_aware(moment)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"expires_at": "2020-01-01T00:00:00Z"}, "expires_at"),
        ({"expires_at": "9999-12-31T23:59:59-12:00"}, "expires_at"),
        ({"scope": "admin"}, "scope"),
        ({"name": "   "}, "name"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "x" * 101}, "name"),
    ],
)
def test_api_refuses_bad_tokens_naming_the_field(client, aigerim, kz_org, body, field):
    client.force_login(aigerim)
    payload = {"name": "ERP", "organization": str(kz_org.public_id), **body}
    response = client.post(f"{API}/tokens", payload, content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not ApiToken.objects.exists()


def test_api_token_for_an_organization_of_someone_else_is_404(client, aigerim, cn_org):
    client.force_login(aigerim)
    response = client.post(
        f"{API}/tokens", {"name": "x", "organization": str(cn_org.public_id)}, content_type="application/json"
    )
    assert response.status_code == 404 and not ApiToken.objects.exists()


# --- the settings page -----------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, aigerim):
    """Aigerim on the settings page, in English (her own language would otherwise win)."""
    aigerim.language = "en"
    aigerim.save(update_fields=["language"])
    client.force_login(aigerim)
    return client


def _create(client, **fields):
    response = client.post(reverse("accounts:token_create"), fields)
    response.secret = re.search(r"sco_[A-Za-z0-9_\-]+", response.content.decode())
    return response


@pytest.mark.parametrize(
    "scope, expiry, days",
    [("read", "30", 30), ("write", "90", 90), ("read", "365", 365), ("write", "never", None)],
)
def test_page_creates_tokens_with_each_scope_and_expiry(signed_in, aigerim, kz_org, scope, expiry, days):
    client = signed_in
    before = timezone.now()
    response = _create(client, name="job", organization=str(kz_org.public_id), scope=scope, expiry=expiry)
    assert response.status_code == 200 and response.secret and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=aigerim)
    assert token.scope == scope and token.organization == kz_org
    if days is None:
        assert token.expires_at is None
    else:
        assert (
            before + datetime.timedelta(days=days)
            <= token.expires_at
            <= timezone.now() + datetime.timedelta(days=days)
        )
    works = client.get(f"{API}/me", **bearer(response.secret.group(0)))
    assert works.status_code == 200 and works.json()["token"]["scope"] == scope


def test_page_creates_a_token_valid_until_the_end_of_a_chosen_day(signed_in, kz_org):
    client = signed_in
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = _create(
        client,
        name="d",
        organization=str(kz_org.public_id),
        scope="read",
        expiry="date",
        expires_on=day.isoformat(),
    )
    assert response.status_code == 200
    expires = timezone.localtime(ApiToken.objects.get().expires_at)
    assert (expires.date(), expires.time()) == (day + datetime.timedelta(days=1), datetime.time())


@pytest.mark.parametrize(
    "expires_on, message",
    [
        ("", "Choose the day the token stops working."),
        ("2001-01-01", "Choose a moment in the future, or no expiry."),
        ("9999-12-31", "Choose a day within the next 5 years, or no expiry."),
    ],
)
def test_page_refuses_a_bad_expiry_date_on_its_field(signed_in, kz_org, expires_on, message):
    client = signed_in
    response = _create(
        client,
        name="d",
        organization=str(kz_org.public_id),
        scope="read",
        expiry="date",
        expires_on=expires_on,
    )
    assert response.status_code == 400 and not ApiToken.objects.exists()
    assert response.context["token_form"].errors == {"expires_on": [message]}


def test_page_offers_the_organizations_only_when_there_are_several(signed_in, aigerim, kz_org):
    client = signed_in
    single = client.get(reverse("accounts:settings"))
    assert 'type="hidden" name="organization"' in single.content.decode()
    assert "The token will act for" in single.content.decode()
    second = OrganizationFactory(name="Second Org", country=kz_org.country)
    MembershipFactory(user=aigerim, organization=second, role=Role.MEMBER)
    several = client.get(reverse("accounts:settings")).content.decode()
    assert '<select name="organization"' in several and "Second Org" in several
    response = _create(client, name="s", organization=str(second.public_id), scope="read", expiry="30")
    assert response.status_code == 200 and ApiToken.objects.get().organization == second


def test_page_lists_tokens_with_access_expiry_last_use_and_state(client, signed_in, aigerim, kz_org):
    soon = timezone.now() + datetime.timedelta(days=3)
    expired, _raw = actions.create_api_token(aigerim, kz_org.public_id, "old job", expires_at=soon)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    revoked, _raw = actions.create_api_token(aigerim, kz_org.public_id, "gone", scope="write")
    actions.revoke_api_token(aigerim, revoked.public_id)
    used, raw = actions.create_api_token(aigerim, kz_org.public_id, "sync", scope="write")
    client.get(f"{API}/me", **bearer(raw))
    page = signed_in.get(reverse("accounts:settings")).content.decode()

    def row(token):
        return re.search(rf'<tr data-token="{token.public_id}">(.*?)</tr>', page, re.S).group(1)

    assert "Read and write" in row(used) and "no expiry" in row(used) and "never" not in row(used)
    assert "Read only" in row(expired) and "expired" in row(expired) and "Revoke" in row(expired)
    assert "revoked" in row(revoked) and "Revoke" not in row(revoked)
    assert page.index("sync") < page.index("gone")  # unrevoked first


# --- manage.py issue_token -------------------------------------------------------------------------------


def issue(*args):
    out, err = StringIO(), StringIO()
    call_command("issue_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_issue_token_with_scope_and_expiry(client, aigerim, kz_org):
    raw, said = issue(aigerim.email, "--scope", "write", "--expires-in", "30", "-v", "2")
    token = ApiToken.objects.get()
    assert token.scope == "write"
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(
        minutes=1
    )
    assert "read and write" in said and "until" in said and kz_org.name in said and raw not in said
    assert client.post(f"{API}/notifications/read", **bearer(raw)).status_code != 403


def test_issue_token_defaults_to_read_only_without_expiry(aigerim, kz_org):
    raw, said = issue(aigerim.email)
    token = ApiToken.objects.get()
    assert raw.startswith("sco_") and (token.scope, token.expires_at, said) == ("read", None, "")
    _raw, said = issue(aigerim.email, "--name", "second", "-v", "2")
    assert "read only" in said and "no expiry" in said


@pytest.mark.parametrize("days", ["0", "-3", "abc", "5000"])
def test_issue_token_refuses_bad_expiry(aigerim, kz_org, days):
    with pytest.raises(CommandError, match="expires-in"):
        issue(aigerim.email, "--expires-in", days)
    assert not ApiToken.objects.exists()
