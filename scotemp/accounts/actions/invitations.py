"""Invitations: sent by e-mail with a secret link, accepted by the invitee, revoked by managers."""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.mail import base_url
from scotemp.core.permissions import forget_memberships

from ..choices import InvitationStatus, Role
from ..models import Invitation, Membership, User, hash_token
from ..queries import private_organization, require_manager
from .common import require_grantable, role_label

INVITATION_LIFETIME = datetime.timedelta(days=14)

# --- invitations -------------------------------------------------------------------------------------


@transaction.atomic
def invite_member(
    actor: User, public_id, email: str, role: str = Role.MEMBER, link_base: str | None = None
) -> tuple[Invitation, str]:
    """Invite an e-mail address to join an organization with a role; returns the invitation and the
    raw token (shown nowhere else; only its hash is stored).

    The e-mail with the acceptance link goes out through the outbox, in the invitee's language if they
    already have an account (they are also told in the platform, without the link), otherwise in the
    inviter's current language. Pending invitations to the same address are replaced. Valid for 14
    days."""
    organization = private_organization(actor, public_id)
    require_grantable(require_manager(actor, organization), role)
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": [_("Enter the e-mail address of the person to invite.")]})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": [_("Enter a valid e-mail address, e.g. name@example.com.")]}
        ) from None
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        message = _("%(email)s is already a member of this organization.") % {"email": email}
        raise ValidationError({"email": ValidationError(message, code="conflict")})
    replaced = list(
        Invitation.objects.select_for_update().filter(
            organization=organization, email__iexact=email, status=InvitationStatus.PENDING
        )
    )
    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=actor,
        token_hash=hash_token(raw_token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    for old in replaced:
        _revoke_invitation(old, actor, {"replaced_by": str(invitation.public_id)})
    invitee = User.objects.filter(email__iexact=email, is_active=True).only("language").first()
    announce(
        "organization.member_invited",
        subject=invitation,
        actor=actor,
        organization=organization,
        to_status=InvitationStatus.PENDING,
        data={"email": email, "role": role},
        notices=[
            Notice(
                "accounts.invited",
                {
                    "organization": organization.name,
                    "inviter": actor.display_name,
                    "role": role_label(role),
                    "email": email,
                },
                user_id=invitee.pk,
                email=False,  # the invitation e-mail below is the one that carries the link
            )
        ]
        if invitee is not None
        else [],
    )
    language = (invitee.language if invitee and invitee.language else "") or translation.get_language()
    language = language or settings.LANGUAGE_CODE
    link = (link_base or base_url()).rstrip("/") + reverse("accounts:invitation", args=[raw_token])
    context = {
        "organization": organization,
        "inviter": actor,
        "role": Role(invitation.role).label,  # lazy: rendered in the invitee's language
        "link": link,
        "expires_at": invitation.expires_at,
        "platform_name": settings.SCOTEMP_PLATFORM_NAME,
    }
    from scotemp.notifications.actions import queue_email

    queue_email(
        None,
        "accounts/email/invitation",
        context,
        f"invitation:{invitation.pk}",
        to=email,
        language=language,
        erase_when_sent=True,  # the link carries the invitation's token
    )
    return invitation, raw_token


def find_invitation(raw_token: str) -> Invitation:
    """The invitation for a raw token, whatever its state (404 if the token is unknown)."""
    return get_object_or_404(
        Invitation.objects.select_related("organization", "invited_by"),
        token_hash=hash_token(raw_token or ""),
    )


@transaction.atomic
def accept_invitation(user: User, raw_token: str) -> Membership:
    """The signed-in user joins the organization they were invited to.

    Requires a verified e-mail address of the user equal to the invited address. Idempotent: accepting
    twice, or accepting while already a member, returns the existing membership (never demotes)."""
    invitation = find_invitation(raw_token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that address (and verify it) to accept.")
            % {"email": invitation.email}
        )
    existing = Membership.objects.filter(user=user, organization_id=invitation.organization_id).first()
    if invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by_id == user.pk and existing:
        return existing
    if not invitation.is_open:
        raise ValidationError(
            _("This invitation is no longer valid. Ask the organization for a new one."), code="expired"
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organization_id=invitation.organization_id, defaults={"role": invitation.role}
    )
    forget_memberships(user)
    previous = invitation.status
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_by", "updated_at"])
    organization = invitation.organization
    notices = []
    if created:
        notices.append(
            Notice(
                "accounts.member_joined",
                {
                    "member": user.full_name or user.email,
                    "organization": organization.name,
                    "role": role_label(membership.role),
                },
                reverse("accounts:organization", args=[organization.public_id]),
                organization_id=organization.pk,
                exclude_user_id=user.pk,
                email=False,
            )
        )
    announce(
        "organization.member_joined",
        subject=invitation,
        actor=user,
        organization=organization,
        from_status=previous,
        to_status=InvitationStatus.ACCEPTED,
        data={"role": membership.role, "new_member": created},
        notices=notices,
    )
    if user.active_organization_id is None:
        user.active_organization_id = invitation.organization_id
        user.save(update_fields=["active_organization"])
    return membership


@transaction.atomic
def revoke_invitation(actor: User, public_id, invitation_public_id) -> Invitation:
    """Withdraw a pending invitation (owners, administrators, operators). Revoking twice is harmless."""
    organization = private_organization(actor, public_id)
    require_manager(actor, organization)
    invitation = get_object_or_404(
        Invitation.objects.select_for_update().filter(organization=organization),
        public_id=invitation_public_id,
    )
    if invitation.status == InvitationStatus.PENDING:
        _revoke_invitation(invitation, actor)
    return invitation


def _revoke_invitation(invitation: Invitation, actor: User, data: dict | None = None) -> None:
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    announce(
        "organization.invitation_revoked",
        subject=invitation,
        actor=actor,
        organization=invitation.organization_id,
        from_status=InvitationStatus.PENDING,
        to_status=InvitationStatus.REVOKED,
        data={"email": invitation.email, **(data or {})},
    )
