"""Writes about users, organizations, memberships, invitations and API tokens.

Every action is atomic. Rows are fetched through the permission querysets, so a user without the
right to touch an organization gets ``Http404`` (it does not exist for them); a member who lacks the
role for an operation gets ``PermissionDenied``; bad input gets a translated ``ValidationError``.

The invariant guarded here: **an organization always has at least one owner.** Every change that
could remove or demote an owner locks the organization row and its memberships
(``select_for_update``) inside the transaction and counts the owners after taking the lock, so two
owners demoting each other at the same moment cannot both succeed. (On SQLite ``select_for_update``
is a no-op, but the project opens every transaction with ``BEGIN IMMEDIATE``, which serializes
writers.)
"""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from scotemp.core.mail import base_url
from scotemp.core.permissions import ADMIN, ROLE_RANK, is_operator

from .choices import InvitationStatus, Role
from .models import ApiToken, Invitation, Membership, Organization, TokenScope, User, hash_token

INVITATION_LIFETIME = datetime.timedelta(days=14)
ORGANIZATION_FIELDS = ("name", "name_latin", "country", "city", "type", "website", "description")


# --- helpers -----------------------------------------------------------------------------------------


def _lock_memberships(organization: Organization) -> list[Membership]:
    """Lock the organization and all its memberships for the rest of the transaction; return them fresh."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    return list(Membership.objects.select_for_update().filter(organization_id=organization.pk).order_by("pk"))


def _actor_role(user, organization: Organization) -> str | None:
    """The acting user's role in the organization, ``owner`` for operators (they moderate everything)."""
    if is_operator(user):
        return Role.OWNER
    return (
        Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True).first()
    )


def _require_grantable(actor_role: str | None, role: str) -> None:
    """Only owners grant or touch the owner role; admins manage admins and members."""
    if role not in Role.values:
        raise ValidationError({"role": [_("Choose owner, administrator or member.")]})
    if actor_role is None or ROLE_RANK[actor_role] < ROLE_RANK[ADMIN]:
        raise PermissionDenied(_("Only owners and administrators manage members."))
    if role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can make someone an owner."))


def _refuse_if_last_owner(memberships: list[Membership], leaving: Membership) -> None:
    owners = [m for m in memberships if m.role == Role.OWNER]
    if leaving.role == Role.OWNER and len(owners) <= 1:
        raise ValidationError(
            _(
                "An organization must keep at least one owner. Make another member an owner first, "
                "then try again."
            ),
            code="last_owner",
        )


# --- organizations -----------------------------------------------------------------------------------


@transaction.atomic
def create_organization(user: User, **fields) -> Organization:
    """Create an organization with ``user`` as its first owner and make it their active organization.

    Guarantees: the new organization has exactly one membership (the creator, as owner)."""
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organization fields: {sorted(unknown)}")
    organization = Organization(**fields)
    organization.full_clean()
    organization.save()
    Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
    user.active_organization = organization
    user.save(update_fields=["active_organization"])
    return organization


@transaction.atomic
def switch_active_organization(user: User, public_id) -> Organization:
    """Make one of the user's organizations the one they act for. 404 unless they are a member."""
    organization = get_object_or_404(Organization.objects.of_member(user), public_id=public_id)
    user.active_organization = organization
    user.save(update_fields=["active_organization"])
    return organization


# --- members -----------------------------------------------------------------------------------------


@transaction.atomic
def change_role(actor: User, public_id, member_id: int, role: str) -> Membership:
    """Give a member another role. Owners change any role; administrators manage administrators and
    members but never touch owners. Refuses to demote the last owner."""
    organization = get_object_or_404(Organization.objects.editable_by(actor), public_id=public_id)
    memberships = _lock_memberships(organization)
    membership = next((m for m in memberships if m.pk == member_id), None)
    if membership is None:
        raise Http404
    actor_role = _actor_role(actor, organization)
    _require_grantable(actor_role, role)
    if membership.role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can change the role of an owner."))
    if membership.role == role:
        return membership
    if role != Role.OWNER:
        _refuse_if_last_owner(memberships, membership)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


def _delete_membership(membership: Membership) -> None:
    user = membership.user
    membership.delete()
    if user.active_organization_id == membership.organization_id:
        user.active_organization = None
        user.save(update_fields=["active_organization"])
    ApiToken.objects.filter(
        user=user, organization_id=membership.organization_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


@transaction.atomic
def remove_member(actor: User, public_id, member_id: int) -> None:
    """Remove a member from an organization (owners and administrators; only owners remove owners).

    The removed user's API tokens for that organization are revoked. Refuses to remove the last owner."""
    organization = get_object_or_404(Organization.objects.editable_by(actor), public_id=public_id)
    memberships = _lock_memberships(organization)
    membership = next((m for m in memberships if m.pk == member_id), None)
    if membership is None:
        raise Http404
    actor_role = _actor_role(actor, organization)
    if actor_role is None or ROLE_RANK[actor_role] < ROLE_RANK[ADMIN]:
        raise PermissionDenied(_("Only owners and administrators manage members."))
    if membership.role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can remove an owner."))
    _refuse_if_last_owner(memberships, membership)
    _delete_membership(membership)


@transaction.atomic
def leave_organization(user: User, public_id) -> None:
    """The user leaves an organization they belong to. Refuses if they are its last owner."""
    organization = get_object_or_404(Organization.objects.of_member(user), public_id=public_id)
    memberships = _lock_memberships(organization)
    membership = next((m for m in memberships if m.user_id == user.pk), None)
    if membership is None:  # removed by someone else between the two queries
        raise Http404
    _refuse_if_last_owner(memberships, membership)
    _delete_membership(membership)


# --- invitations -------------------------------------------------------------------------------------


@transaction.atomic
def invite_member(
    actor: User, public_id, email: str, role: str = Role.MEMBER, link_base: str | None = None
) -> tuple[Invitation, str]:
    """Invite an e-mail address to join an organization with a role; returns the invitation and the
    raw token (shown nowhere else; only its hash is stored).

    The e-mail with the acceptance link goes out after the commit, in the invitee's language if they
    already have an account, otherwise in the inviter's current language. Pending invitations to the
    same address are replaced. Valid for 14 days."""
    organization = get_object_or_404(Organization.objects.editable_by(actor), public_id=public_id)
    _require_grantable(_actor_role(actor, organization), role)
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
    Invitation.objects.filter(
        organization=organization, email__iexact=email, status=InvitationStatus.PENDING
    ).update(status=InvitationStatus.REVOKED, updated_at=timezone.now())
    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=actor,
        token_hash=hash_token(raw_token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitee = User.objects.filter(email__iexact=email).only("language").first()
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
    membership, _created = Membership.objects.get_or_create(
        user=user, organization_id=invitation.organization_id, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_by", "updated_at"])
    if user.active_organization_id is None:
        user.active_organization_id = invitation.organization_id
        user.save(update_fields=["active_organization"])
    return membership


@transaction.atomic
def revoke_invitation(actor: User, public_id, invitation_public_id) -> Invitation:
    """Withdraw a pending invitation (owners, administrators, operators). Revoking twice is harmless."""
    organization = get_object_or_404(Organization.objects.editable_by(actor), public_id=public_id)
    invitation = get_object_or_404(
        Invitation.objects.select_for_update().filter(organization=organization),
        public_id=invitation_public_id,
    )
    if invitation.status == InvitationStatus.PENDING:
        invitation.status = InvitationStatus.REVOKED
        invitation.save(update_fields=["status", "updated_at"])
    return invitation


# --- the user's own settings -------------------------------------------------------------------------


@transaction.atomic
def set_language(user: User, language: str) -> None:
    """Save the user's preferred language (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def update_profile(user: User, *, full_name: str, language: str) -> User:
    """Save the user's name and preferred language."""
    set_language(user, language)
    user.full_name = full_name.strip()
    user.save(update_fields=["full_name"])
    return user


@transaction.atomic
def create_api_token(
    user: User, public_id, name: str, scope: str = TokenScope.READ, expires_at=None
) -> tuple[ApiToken, str]:
    """Create a personal access token acting as ``user`` for one of their organizations, and only
    for it: ``scope`` ``read`` (GET only) or ``write``; ``expires_at`` (optional) a future moment.

    Returns the token row and the raw secret; the secret is not stored and cannot be shown again.
    404 unless the user is a member of the organization."""
    organization = get_object_or_404(Organization.objects.of_member(user), public_id=public_id)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the script that will use it.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Use at most 100 characters.")]})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": [_("Choose read-only or read-and-write access.")]})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("Choose a moment in the future, or no expiry.")]})
    raw = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        organization=organization,
        name=name,
        scope=scope,
        expires_at=expires_at,
        token_hash=hash_token(raw),
    )
    return token, raw


@transaction.atomic
def revoke_api_token(user: User, token_public_id) -> ApiToken:
    """Revoke one of the user's own tokens (404 for anyone else's). Revoking twice is harmless."""
    token = get_object_or_404(
        ApiToken.objects.select_for_update().filter(user=user), public_id=token_public_id
    )
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token
