"""Organizations, the active organization, and members' roles and departures."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import forget_memberships

from ..choices import Role
from ..models import ApiToken, Membership, Organization, User
from ..queries import private_organization, require_manager
from .common import (
    lock_memberships,
    refuse_if_last_owner,
    require_grantable,
    role_label,
)

ORGANIZATION_FIELDS = ("name", "name_latin", "country", "city", "type", "website", "description")

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
    forget_memberships(user)
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
    members but never touch owners. Refuses to demote the last owner. The member is told."""
    organization = private_organization(actor, public_id)
    actor_role = require_manager(actor, organization)
    memberships = lock_memberships(organization)
    membership = next((m for m in memberships if m.pk == member_id), None)
    if membership is None:
        raise Http404
    require_grantable(actor_role, role)
    if membership.role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can change the role of an owner."))
    if membership.role == role:
        return membership
    if role != Role.OWNER:
        refuse_if_last_owner(memberships, membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    forget_memberships(actor)
    announce(
        "organization.role_changed",
        subject=membership,
        actor=actor,
        organization=organization,
        from_status=previous,
        to_status=role,
        notices=[
            Notice(
                "accounts.role_changed",
                {"organization": organization.name, "role": role_label(role), "actor": actor.display_name},
                reverse("accounts:organization", args=[organization.public_id]),
                user_id=membership.user_id,
                exclude_user_id=actor.pk,
            )
        ],
    )
    return membership


def _delete_membership(membership: Membership) -> int:
    """Delete a membership and revoke the user's API tokens for that organization; returns how many
    tokens were revoked."""
    user = membership.user
    membership.delete()
    forget_memberships(user)
    if user.active_organization_id == membership.organization_id:
        user.active_organization = None
        user.save(update_fields=["active_organization"])
    now = timezone.now()
    return ApiToken.objects.filter(
        user=user, organization_id=membership.organization_id, revoked_at__isnull=True
    ).update(revoked_at=now, updated_at=now)


@transaction.atomic
def remove_member(actor: User, public_id, member_id: int) -> None:
    """Remove a member from an organization (owners and administrators; only owners remove owners).

    The removed user's API tokens for that organization are revoked, and they are told. Refuses to
    remove the last owner."""
    organization = private_organization(actor, public_id)
    actor_role = require_manager(actor, organization)
    memberships = lock_memberships(organization)
    membership = next((m for m in memberships if m.pk == member_id), None)
    if membership is None:
        raise Http404
    if membership.role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can remove an owner."))
    refuse_if_last_owner(memberships, membership)
    notice = Notice(
        "accounts.removed",
        {"organization": organization.name, "actor": actor.display_name},
        user_id=membership.user_id,
        exclude_user_id=actor.pk,
    )
    subject, role = str(membership), membership.role
    revoked = _delete_membership(membership)
    announce(
        "organization.member_removed",
        subject=organization,
        actor=actor,
        organization=organization,
        data={"member": subject, "user_id": membership.user_id, "role": role, "tokens_revoked": revoked},
        notices=[notice],
    )


@transaction.atomic
def leave_organization(user: User, public_id) -> None:
    """The user leaves an organization they belong to. Refuses if they are its last owner."""
    organization = get_object_or_404(Organization.objects.of_member(user), public_id=public_id)
    memberships = lock_memberships(organization)
    membership = next((m for m in memberships if m.user_id == user.pk), None)
    if membership is None:  # removed by someone else between the two queries
        raise Http404
    refuse_if_last_owner(memberships, membership)
    subject, role = str(membership), membership.role
    revoked = _delete_membership(membership)
    announce(
        "organization.member_left",
        subject=organization,
        actor=user,
        organization=organization,
        data={"member": subject, "user_id": user.pk, "role": role, "tokens_revoked": revoked},
    )
