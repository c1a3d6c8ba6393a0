"""The accounts actions: organizations, roles, the last-owner rule, invitations, tokens."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from scotemp.accounts import actions
from scotemp.accounts.choices import InvitationStatus, OrganizationType, Role
from scotemp.accounts.models import ApiToken, Invitation, Membership, Organization, hash_token
from scotemp.reference.models import Country
from tests.factories import MembershipFactory, UserFactory


def test_create_organization_makes_creator_owner_and_active(outsider):
    org = actions.create_organization(
        outsider, name="Новая Компания", country=Country.objects.get(iso2="RU"), type=OrganizationType.TRADER
    )
    assert list(org.memberships.values_list("user_id", "role")) == [(outsider.pk, Role.OWNER)]
    outsider.refresh_from_db()
    assert outsider.active_organization == org


def test_create_organization_validates(outsider):
    with pytest.raises(ValidationError) as exc:
        actions.create_organization(
            outsider, name="", country=Country.objects.get(iso2="RU"), type="nonsense"
        )
    assert {"name", "type"} <= set(exc.value.message_dict)
    assert not Organization.objects.filter(memberships__user=outsider).exists()


def test_last_owner_cannot_leave_or_be_demoted_or_removed(aigerim, kz_org):
    own = Membership.objects.get(user=aigerim, organization=kz_org)
    with pytest.raises(ValidationError, match="at least one owner"):
        actions.leave_organization(aigerim, kz_org.public_id)
    with pytest.raises(ValidationError, match="at least one owner"):
        actions.change_role(aigerim, kz_org.public_id, own.pk, Role.ADMIN)
    with pytest.raises(ValidationError, match="at least one owner"):
        actions.remove_member(aigerim, kz_org.public_id, own.pk)
    own.refresh_from_db()
    assert own.role == Role.OWNER


def test_with_a_second_owner_the_first_may_leave(aigerim, kz_org):
    colleague = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    actions.change_role(aigerim, kz_org.public_id, colleague.pk, Role.OWNER)
    actions.leave_organization(aigerim, kz_org.public_id)
    assert list(kz_org.memberships.values_list("role", flat=True)) == [Role.OWNER]
    # ...and now the colleague is the last owner in turn
    with pytest.raises(ValidationError):
        actions.leave_organization(colleague.user, kz_org.public_id)


def test_admin_cannot_make_owners_or_touch_owners(aigerim, kz_org):
    admin = MembershipFactory(organization=kz_org, role=Role.ADMIN)
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    owner = Membership.objects.get(user=aigerim)
    with pytest.raises(PermissionDenied):
        actions.change_role(admin.user, kz_org.public_id, member.pk, Role.OWNER)
    with pytest.raises(PermissionDenied):
        actions.change_role(admin.user, kz_org.public_id, owner.pk, Role.MEMBER)
    with pytest.raises(PermissionDenied):
        actions.remove_member(admin.user, kz_org.public_id, owner.pk)
    actions.change_role(admin.user, kz_org.public_id, member.pk, Role.ADMIN)
    member.refresh_from_db()
    assert member.role == Role.ADMIN


def test_plain_member_cannot_manage(aigerim, kz_org):
    """A member sees the organization's private pages, so lacking the role is 403, not 404."""
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    owner = Membership.objects.get(user=aigerim)
    invitation, _raw = actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    with pytest.raises(PermissionDenied):
        actions.remove_member(member.user, kz_org.public_id, owner.pk)
    with pytest.raises(PermissionDenied):
        actions.change_role(member.user, kz_org.public_id, member.pk, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        actions.invite_member(member.user, kz_org.public_id, "x@example.test")
    with pytest.raises(PermissionDenied):
        actions.revoke_invitation(member.user, kz_org.public_id, invitation.public_id)


def test_outsiders_get_404_from_every_member_action(aigerim, kz_org, li_wei):
    owner = Membership.objects.get(user=aigerim)
    invitation, _raw = actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    for call in (
        lambda: actions.remove_member(li_wei, kz_org.public_id, owner.pk),
        lambda: actions.change_role(li_wei, kz_org.public_id, owner.pk, Role.MEMBER),
        lambda: actions.invite_member(li_wei, kz_org.public_id, "x@example.test"),
        lambda: actions.revoke_invitation(li_wei, kz_org.public_id, invitation.public_id),
    ):
        with pytest.raises(Http404):
            call()


def test_member_of_another_org_cannot_be_addressed(aigerim, kz_org, li_wei, cn_org):
    foreign = Membership.objects.get(user=li_wei)
    with pytest.raises(Http404):
        actions.remove_member(aigerim, kz_org.public_id, foreign.pk)


def test_removing_a_member_revokes_their_tokens(aigerim, kz_org):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    token, _raw = actions.create_api_token(member.user, kz_org.public_id, "script")
    actions.remove_member(aigerim, kz_org.public_id, member.pk)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_switch_active_organization_requires_membership(aigerim, kz_org, cn_org):
    with pytest.raises(Http404):
        actions.switch_active_organization(aigerim, cn_org.public_id)
    second = Organization.objects.create(name="Second", country=kz_org.country, type=OrganizationType.TRADER)
    MembershipFactory(user=aigerim, organization=second, role=Role.MEMBER)
    actions.switch_active_organization(aigerim, second.public_id)
    aigerim.refresh_from_db()
    assert aigerim.active_organization == second


def test_set_language(aigerim):
    actions.set_language(aigerim, "zh-hans")
    aigerim.refresh_from_db()
    assert aigerim.language == "zh-hans"
    with pytest.raises(ValidationError):
        actions.set_language(aigerim, "de")


# --- invitations ---------------------------------------------------------------------------------


def _invite(actor, org, email, role=Role.MEMBER, django_capture_on_commit_callbacks=None):
    with django_capture_on_commit_callbacks(execute=True):
        return actions.invite_member(actor, org.public_id, email, role, link_base="https://temp.example")


def test_invitation_mail_in_invitees_language(aigerim, kz_org, li_wei, django_capture_on_commit_callbacks):
    # li_wei works in Chinese; aigerim invites him while her interface is in Russian
    from django.utils import translation

    with translation.override("ru"):
        invitation, raw = _invite(
            aigerim, kz_org, li_wei.email, Role.ADMIN, django_capture_on_commit_callbacks
        )
    assert invitation.token_hash == hash_token(raw) and raw not in invitation.token_hash
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [li_wei.email]
    assert f"https://temp.example/invitations/{raw}/" in message.body
    assert kz_org.name in message.subject
    # Rendered under zh-hans: the expiry date is written the Chinese way (Django's locale formats).
    assert "年" in message.body and " г." not in message.body


def test_invitation_for_unknown_address_in_inviters_language(
    aigerim, kz_org, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("ru"):
        _invite(aigerim, kz_org, "newcomer@example.test", Role.MEMBER, django_capture_on_commit_callbacks)
    assert " г." in mail.outbox[0].body  # Russian date format: "5 мая 2026 г."


def test_no_mail_when_transaction_rolls_back(aigerim, kz_org):
    # Without running on_commit callbacks nothing is sent: the e-mail waits for the commit.
    actions.invite_member(aigerim, kz_org.public_id, "someone@example.test")
    assert mail.outbox == []


def test_accept_invitation_requires_verified_matching_email(aigerim, kz_org, outsider):
    invitation, raw = actions.invite_member(aigerim, kz_org.public_id, "invitee@example.test", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        actions.accept_invitation(outsider, raw)
    invitee = UserFactory(email="invitee@example.test", verified=False)
    with pytest.raises(PermissionDenied):
        actions.accept_invitation(invitee, raw)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=invitee).update(verified=True)
    membership = actions.accept_invitation(invitee, raw)
    assert membership.role == Role.ADMIN and membership.organization == kz_org
    again = actions.accept_invitation(invitee, raw)  # idempotent
    assert again.pk == membership.pk
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == invitee
    invitee.refresh_from_db()
    assert invitee.active_organization == kz_org


def test_accept_keeps_an_existing_higher_role(aigerim, kz_org):
    admin = MembershipFactory(organization=kz_org, role=Role.ADMIN)
    # invite_member refuses existing members, so create the stale invitation directly
    raw = "stale-token"
    Invitation.objects.create(
        organization=kz_org,
        email=admin.user.email,
        role=Role.MEMBER,
        token_hash=hash_token(raw),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    membership = actions.accept_invitation(admin.user, raw)
    assert membership.role == Role.ADMIN


def test_expired_and_revoked_invitations_cannot_be_accepted(aigerim, kz_org):
    invitee = UserFactory(email="late@example.test")
    invitation, raw = actions.invite_member(aigerim, kz_org.public_id, invitee.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitee, raw)
    invitation2, raw2 = actions.invite_member(aigerim, kz_org.public_id, invitee.email)
    actions.revoke_invitation(aigerim, kz_org.public_id, invitation2.public_id)
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitee, raw2)
    assert not Membership.objects.filter(user=invitee).exists()


def test_invite_rejects_existing_member_and_bad_address(aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        actions.invite_member(aigerim, kz_org.public_id, aigerim.email)
    assert exc.value.error_dict["email"][0].code == "conflict"
    with pytest.raises(ValidationError) as exc:
        actions.invite_member(aigerim, kz_org.public_id, "not-an-address")
    assert "email" in exc.value.message_dict


def test_reinviting_replaces_the_pending_invitation(aigerim, kz_org):
    first, _ = actions.invite_member(aigerim, kz_org.public_id, "twice@example.test")
    actions.invite_member(aigerim, kz_org.public_id, "TWICE@example.test")
    first.refresh_from_db()
    assert first.status == InvitationStatus.REVOKED
    assert Invitation.objects.filter(email="twice@example.test", status=InvitationStatus.PENDING).count() == 1


# --- tokens ----------------------------------------------------------------------------------------


def test_api_tokens(aigerim, kz_org, cn_org, li_wei):
    token, raw = actions.create_api_token(aigerim, kz_org.public_id, "ERP")
    assert raw.startswith(ApiToken.PREFIX)
    assert token.token_hash == hash_token(raw) and token.organization == kz_org
    with pytest.raises(Http404):
        actions.create_api_token(aigerim, cn_org.public_id, "not mine")
    with pytest.raises(ValidationError):
        actions.create_api_token(aigerim, kz_org.public_id, "  ")
    with pytest.raises(Http404):
        actions.revoke_api_token(li_wei, token.public_id)
    actions.revoke_api_token(aigerim, token.public_id)
    token.refresh_from_db()
    assert token.revoked_at is not None


# --- what the actions announce -------------------------------------------------------------------------


def _notifications(user):
    from scotemp.notifications.models import Notification

    return list(Notification.objects.filter(user=user).values_list("kind", "url"))


def test_invitation_tells_an_existing_user_in_the_platform_without_the_link(aigerim, kz_org, li_wei):
    from scotemp.core.effects import history
    from scotemp.notifications.kinds import render
    from scotemp.notifications.models import OutboxEmail

    invitation, raw = actions.invite_member(aigerim, kz_org.public_id, li_wei.email, Role.ADMIN)
    assert _notifications(li_wei) == [("accounts.invited", "")]
    notification = li_wei.notifications.get()
    title, body = render(notification.kind, notification.params, "zh-hans")
    assert kz_org.name in title and li_wei.email in body and raw not in str(notification.params)
    # the link leaves by e-mail only, once
    assert OutboxEmail.objects.filter(to=li_wei.email).count() == 1
    entries = [(e.verb, e.to_status) for e in history(invitation)]
    assert entries == [("organization.member_invited", "pending")]


def test_invitation_to_an_address_without_account_is_an_e_mail_only(aigerim, kz_org):
    from scotemp.notifications.models import Notification, OutboxEmail

    actions.invite_member(aigerim, kz_org.public_id, "nobody-yet@example.test")
    assert OutboxEmail.objects.filter(to="nobody-yet@example.test").count() == 1
    assert not Notification.objects.exists()


def test_replacing_an_invitation_records_the_revocation(aigerim, kz_org):
    from scotemp.core.effects import history

    first, _raw = actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    second, _raw = actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    first.refresh_from_db()
    assert first.status == InvitationStatus.REVOKED
    revoked = history(first).get(verb="organization.invitation_revoked")
    assert (revoked.from_status, revoked.to_status) == ("pending", "revoked")
    assert revoked.data["replaced_by"] == str(second.public_id)


def test_accepting_tells_the_organization_but_not_the_new_member(aigerim, kz_org, li_wei):
    from scotemp.core.effects import history

    invitation, raw = actions.invite_member(aigerim, kz_org.public_id, li_wei.email)
    actions.accept_invitation(li_wei, raw)
    assert ("accounts.member_joined", f"/organizations/{kz_org.public_id}/") in _notifications(aigerim)
    assert "accounts.member_joined" not in [kind for kind, _url in _notifications(li_wei)]
    assert [e.to_status for e in history(invitation)] == ["pending", "accepted"]


def test_role_change_and_removal_tell_the_member(aigerim, kz_org):
    from scotemp.core.effects import history

    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    actions.create_api_token(member.user, kz_org.public_id, "script")
    actions.change_role(aigerim, kz_org.public_id, member.pk, Role.ADMIN)
    entry = history(member).get()
    assert (entry.verb, entry.from_status, entry.to_status, entry.actor) == (
        "organization.role_changed",
        "member",
        "admin",
        aigerim,
    )
    actions.remove_member(aigerim, kz_org.public_id, member.pk)
    kinds = sorted(kind for kind, _url in _notifications(member.user))
    assert kinds == ["accounts.removed", "accounts.role_changed"]
    removed = history(kz_org).get(verb="organization.member_removed")
    assert removed.data["tokens_revoked"] == 1 and removed.data["role"] == "admin"
    assert _notifications(aigerim) == []  # the actor knows already
