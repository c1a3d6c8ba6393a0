"""Pages: private organization pages, member management, invitations end to end, settings, language."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from scotemp.accounts.choices import Role
from scotemp.accounts.models import ApiToken, Membership, Organization
from tests.factories import MembershipFactory, UserFactory


def org_url(org, name="accounts:organization", *args):
    return reverse(name, args=[org.public_id, *args])


# --- private pages: 404 for everybody but members (and operators) ------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "li_wei"])
def test_private_organization_pages_are_404_for_non_members(client, request, who, kz_org, aigerim):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    owner = Membership.objects.get(user=aigerim)
    assert client.get(org_url(kz_org)).status_code == 404
    assert client.get(org_url(kz_org, "accounts:organization_edit")).status_code == 404
    posts = [
        org_url(kz_org, "accounts:invitation_create"),
        org_url(kz_org, "accounts:member_role", owner.pk),
        org_url(kz_org, "accounts:member_remove", owner.pk),
        org_url(kz_org, "accounts:organization_leave"),
    ]
    for url in posts:
        assert client.post(url, {"email": "x@example.test", "role": "member"}).status_code == 404, url
    owner.refresh_from_db()
    assert owner.role == Role.OWNER and not kz_org.invitations.exists()


def test_owner_and_operator_see_the_dashboard(client, aigerim, kz_org, operator):
    client.force_login(aigerim)
    response = client.get(org_url(kz_org))
    assert response.status_code == 200
    assert aigerim.email in response.content.decode()
    assert reverse("accounts:invitation_create", args=[kz_org.public_id]) in response.content.decode()
    client.force_login(operator)
    assert client.get(org_url(kz_org)).status_code == 200


def test_plain_member_sees_dashboard_but_cannot_manage(client, aigerim, kz_org):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    client.force_login(member.user)
    response = client.get(org_url(kz_org))
    assert response.status_code == 200
    assert reverse("accounts:invitation_create", args=[kz_org.public_id]) not in response.content.decode()
    # The edit page moved to the directory; the old address sends members there, where they are refused.
    assert client.get(org_url(kz_org, "accounts:organization_edit")).status_code == 302
    assert client.get(org_url(kz_org, "directory:profile_edit")).status_code == 403
    owner = Membership.objects.get(user=aigerim)
    # The page hides the forms; posting anyway is refused by the action with 403, as over the API.
    for url in (
        org_url(kz_org, "accounts:invitation_create"),
        org_url(kz_org, "accounts:member_role", owner.pk),
        org_url(kz_org, "accounts:member_remove", owner.pk),
    ):
        assert client.post(url, {"email": "x@example.test", "role": "member"}).status_code == 403, url
    owner.refresh_from_db()
    assert owner.role == Role.OWNER and not kz_org.invitations.exists()
    client.post(org_url(kz_org, "accounts:member_role", owner.pk), {"role": "member"})
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_last_owner_cannot_leave_via_page(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.post(org_url(kz_org, "accounts:organization_leave"), follow=True)
    # Aigerim works in Russian: the rule is explained in her language.
    assert "должен остаться хотя бы один владелец" in response.content.decode()
    assert Membership.objects.filter(user=aigerim, organization=kz_org).exists()
    own = Membership.objects.get(user=aigerim)
    client.post(org_url(kz_org, "accounts:member_role", own.pk), {"role": "member"})
    own.refresh_from_db()
    assert own.role == Role.OWNER


def test_owner_changes_role_and_removes(client, aigerim, kz_org):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    client.force_login(aigerim)
    assert (
        client.post(org_url(kz_org, "accounts:member_role", member.pk), {"role": "admin"}).status_code == 302
    )
    member.refresh_from_db()
    assert member.role == Role.ADMIN
    client.post(org_url(kz_org, "accounts:member_remove", member.pk))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_create_and_list_organizations(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("accounts:organization_new")).status_code == 200
    bad = client.post(reverse("accounts:organization_new"), {"name": "", "country": "KZ", "type": "trader"})
    assert bad.status_code == 400
    response = client.post(
        reverse("accounts:organization_new"), {"name": "Qazaq Grain", "country": "KZ", "type": "trader"}
    )
    org = Organization.objects.get(name="Qazaq Grain")
    assert response.status_code == 302 and response["Location"] == org_url(org)
    listing = client.get(reverse("accounts:organizations"))
    assert "Qazaq Grain" in listing.content.decode()


def test_organizations_list_query_count(client, aigerim, kz_org, django_assert_max_num_queries):
    for i in range(5):
        org = Organization.objects.create(name=f"Org {i}", country=kz_org.country, type="trader")
        MembershipFactory(user=aigerim, organization=org, role=Role.MEMBER)
        MembershipFactory(organization=org)
    client.force_login(aigerim)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:organizations"))
    assert response.content.decode().count("Org ") >= 5


def test_edit_organization_goes_to_the_profile_editor(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.get(org_url(kz_org, "accounts:organization_edit"))
    assert response.status_code == 302
    assert response["Location"] == org_url(kz_org, "directory:profile_edit")


# --- invitations end to end ------------------------------------------------------------------------


def test_invitation_flow_end_to_end(client, aigerim, kz_org, django_capture_on_commit_callbacks):
    client.force_login(aigerim)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            org_url(kz_org, "accounts:invitation_create"), {"email": "dmitry@nsk-rail.ru", "role": "admin"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert "dmitry@nsk-rail.ru" in client.get(org_url(kz_org)).content.decode()  # pending list

    client.logout()
    anonymous = client.get(path)
    assert anonymous.status_code == 200 and kz_org.name in anonymous.content.decode()
    assert client.post(path).status_code == 302  # to the login page

    dmitry = UserFactory(email="dmitry@nsk-rail.ru", language="ru")
    client.force_login(dmitry)
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == org_url(kz_org)
    assert Membership.objects.get(user=dmitry, organization=kz_org).role == Role.ADMIN
    assert client.get(org_url(kz_org)).status_code == 200
    assert client.post(path).status_code == 302  # accepting twice is harmless


def test_invitation_for_another_address_is_refused(client, aigerim, kz_org, outsider):
    from scotemp.accounts import actions

    _inv, raw = actions.invite_member(aigerim, kz_org.public_id, "someone.else@example.test")
    client.force_login(outsider)
    response = client.post(reverse("accounts:invitation", args=[raw]))
    assert response.status_code == 400
    assert "someone.else@example.test" in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()
    assert client.get(reverse("accounts:invitation", args=["no-such-token"])).status_code == 404


def test_invite_form_errors(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.post(
        org_url(kz_org, "accounts:invitation_create"), {"email": aigerim.email, "role": "member"}
    )
    assert response.status_code == 400
    assert "уже состоит в этой организации" in response.content.decode()


# --- settings, tokens, switching ----------------------------------------------------------------------


def test_settings_page_token_shown_once_and_revoked(client, aigerim, kz_org):
    client.force_login(aigerim)
    assert client.get(reverse("accounts:settings")).status_code == 200
    response = client.post(
        reverse("accounts:token_create"),
        {"name": "ERP sync", "organization": str(kz_org.public_id), "scope": "read", "expiry": "90"},
    )
    assert response.status_code == 200
    raw = re.search(r"sco_[A-Za-z0-9_\-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=aigerim)
    assert raw not in client.get(reverse("accounts:settings")).content.decode()
    client.post(reverse("accounts:token_revoke", args=[token.public_id]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_for_foreign_organization_is_refused(client, aigerim, cn_org, li_wei):
    client.force_login(aigerim)
    response = client.post(
        reverse("accounts:token_create"), {"name": "x", "organization": str(cn_org.public_id)}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_profile_update(client, aigerim):
    client.force_login(aigerim)
    response = client.post(reverse("accounts:settings"), {"full_name": "Айгерим С.", "language": "en"})
    assert response.status_code == 302
    aigerim.refresh_from_db()
    assert (aigerim.full_name, aigerim.language) == ("Айгерим С.", "en")


def test_switch_organization(client, aigerim, kz_org, cn_org):
    second = Organization.objects.create(name="Second", country=kz_org.country, type="trader")
    MembershipFactory(user=aigerim, organization=second)
    client.force_login(aigerim)
    client.post(reverse("accounts:organization_switch"), {"organization": str(second.public_id)})
    aigerim.refresh_from_db()
    assert aigerim.active_organization == second
    response = client.post(reverse("accounts:organization_switch"), {"organization": str(cn_org.public_id)})
    assert response.status_code == 404


# --- language ----------------------------------------------------------------------------------------


def test_language_view_saves_user_language_and_next_request_uses_it(client, aigerim):
    client.force_login(aigerim)  # works in Russian
    assert client.get(reverse("accounts:organizations"))["Content-Language"] == "ru"
    response = client.post(reverse("accounts:language"), {"language": "zh-hans", "next": "/organizations/"})
    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    aigerim.refresh_from_db()
    assert aigerim.language == "zh-hans"
    page = client.get("/organizations/")
    assert page["Content-Language"] == "zh-hans"
    assert 'lang="zh-hans"' in page.content.decode()


def test_language_view_anonymous_cookie_and_unsafe_next(client, db):
    response = client.post(reverse("accounts:language"), {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert client.get(reverse("committees:list"))["Content-Language"] == "ru"
    bad = client.post(reverse("accounts:language"), {"language": "xx"})
    assert settings.LANGUAGE_COOKIE_NAME not in bad.cookies
    assert client.get(reverse("accounts:language")).status_code == 405


# --- operator MFA ------------------------------------------------------------------------------------


def test_operator_without_totp_is_sent_to_activation(client, operator, settings):
    settings.SCOTEMP_REQUIRE_OPERATOR_MFA = True
    client.force_login(operator)
    response = client.get(reverse("accounts:organizations"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    assert client.get("/api/v1/me").status_code == 403
    # the MFA pages themselves, logout and the language switch stay reachable
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert client.get(reverse("mfa_activate_totp")).get("Location") != reverse("mfa_activate_totp")
    assert client.post(reverse("accounts:language"), {"language": "en"}).status_code == 302


def test_operator_with_totp_passes(client, operator, settings):
    from allauth.mfa.models import Authenticator

    settings.SCOTEMP_REQUIRE_OPERATOR_MFA = True
    Authenticator.objects.create(user=operator, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(operator)
    assert client.get(reverse("accounts:organizations")).status_code == 200


def test_mfa_requirement_off_and_non_operators_unaffected(client, operator, aigerim, settings):
    settings.SCOTEMP_REQUIRE_OPERATOR_MFA = False
    client.force_login(operator)
    assert client.get(reverse("accounts:organizations")).status_code == 200
    settings.SCOTEMP_REQUIRE_OPERATOR_MFA = True
    client.force_login(aigerim)
    assert client.get(reverse("accounts:organizations")).status_code == 200


@pytest.mark.django_db
def test_every_page_reads_the_memberships_as_the_orm_would(django_assert_num_queries):
    """The middleware's one-statement read of a user's memberships gives the ORM's list, order and
    organizations, and acts for the saved organization, else the one joined first."""
    from datetime import timedelta

    from django.utils import timezone

    from scotemp.accounts.queries import memberships_and_active
    from tests.factories import OrganizationFactory

    user = UserFactory()
    now = timezone.now()
    joined = {}
    for name, days_ago in (("Beta", 5), ("Alpha", 1), ("Гамма", 9), ("阿里", 3)):
        membership = MembershipFactory(user=user, organization=OrganizationFactory(name=name))
        Membership.objects.filter(pk=membership.pk).update(created_at=now - timedelta(days=days_ago))
        joined[name] = membership
    expected = list(user.memberships.select_related("organization").order_by("organization__name", "pk"))

    with django_assert_num_queries(1):
        memberships, active = memberships_and_active(user)
        names = [m.organization.name for m in memberships]
    assert names == [m.organization.name for m in expected]
    assert [(m.pk, m.role, m.user_id) for m in memberships] == [(m.pk, m.role, m.user_id) for m in expected]
    assert memberships[0].organization.country.iso2 == "CN"
    assert active == joined["Гамма"].organization  # the earliest joined

    user.active_organization = joined["Beta"].organization
    assert memberships_and_active(user)[1] == joined["Beta"].organization
    assert memberships_and_active(UserFactory()) == ([], None)


@pytest.mark.django_db
def test_permission_checks_answer_from_the_memberships_the_request_read(django_assert_num_queries, client):
    """The middleware's memberships answer ``member_org_ids`` for the rest of the request, and an
    action that changes the user's memberships makes the next check read them again."""
    from django.utils.functional import SimpleLazyObject

    from scotemp.accounts.actions import create_organization
    from scotemp.accounts.queries import memberships_and_active
    from scotemp.core.permissions import ADMIN, member_org_ids, remember_memberships
    from scotemp.reference.models import Country

    membership = MembershipFactory(role=Role.MEMBER)
    real_user = membership.user
    user = SimpleLazyObject(lambda: real_user)  # as request.user reaches views and actions
    remember_memberships(user, memberships_and_active(real_user)[0])
    with django_assert_num_queries(0):
        assert member_org_ids(user) == {membership.organization_id}
        assert member_org_ids(user, ADMIN) == frozenset()

    created = create_organization(
        user, name="Новая Компания", country=Country.objects.get(iso2="KZ"), type="trader"
    )
    assert member_org_ids(user) == {membership.organization_id, created.pk}
    assert member_org_ids(user, ADMIN) == {created.pk}
