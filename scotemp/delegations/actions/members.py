"""Writes of a delegation's member organizations: the organizer adds and removes members; an
organization asks to join a published planned delegation and the organizer accepts. Asking again,
adding again and accepting again change nothing (the same row is answered)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import ADMIN, is_member

from ..choices import CLOSED, DelegationStatus, MemberRole, MemberStatus
from ..models import Delegation, DelegationMember
from .common import conflict, delegation_names, require_organizer


def _check_role(role: str) -> None:
    if role not in MemberRole.values:
        raise ValidationError({"role": [_("Role: choose one of the listed roles.")]}, code="invalid")


def _member_notice(member: DelegationMember, kind: str, exclude_user=None) -> Notice:
    return Notice(
        kind,
        {"delegation": delegation_names(member.delegation)},
        url=member.delegation.get_absolute_url(),
        organization_id=member.organization_id,
        exclude_user_id=getattr(exclude_user, "pk", None),
    )


@transaction.atomic
def add_member(
    user, delegation: Delegation, organization, role: str = MemberRole.PARTICIPANT, participants: str = ""
) -> DelegationMember:
    """The organizer adds ``organization`` (or accepts its request, with this role)."""
    delegation = (
        Delegation.objects.select_for_update(of=("self",)).select_related("committee").get(pk=delegation.pk)
    )
    require_organizer(user, delegation)
    if organization is None:
        raise ValidationError({"organization": [_("Organization: choose an organization.")]}, code="invalid")
    _check_role(role)
    if delegation.status in CLOSED:
        raise conflict(_("This delegation is over; its members can no longer change."))
    member = DelegationMember.objects.filter(delegation=delegation, organization=organization).first()
    if member is not None and member.status == MemberStatus.ACCEPTED:
        changed = [
            f for f, v in (("role", role), ("participants", participants)) if v and getattr(member, f) != v
        ]
        for name in changed:
            setattr(member, name, role if name == "role" else participants.strip()[:100])
        if changed:
            member.save(update_fields=[*changed, "updated_at"])
        return member
    before = member.status if member else ""
    if member is None:
        member = DelegationMember(delegation=delegation, organization=organization)
    member.role = role
    if participants:
        member.participants = participants.strip()[:100]
    member.status = MemberStatus.ACCEPTED
    member.decided_by, member.decided_at = user, timezone.now()
    member.save()
    member.delegation = delegation
    kind = "delegations.member_accepted" if before else "delegations.member_added"
    announce(
        "delegation.member_added",
        subject=delegation,
        actor=user,
        organization=organization,
        from_status=before,
        to_status=member.status,
        notices=[_member_notice(member, kind, exclude_user=user)],
        key=f"delegation:{delegation.pk}:member:{organization.pk}:accepted",
    )
    return member


@transaction.atomic
def request_to_join(
    user,
    delegation: Delegation,
    organization,
    role: str = MemberRole.PARTICIPANT,
    participants: str = "",
    note: str = "",
) -> tuple[DelegationMember, bool]:
    """``organization`` (the user is its owner or admin) asks to join a published, planned
    delegation. Returns the row and whether it was created; asking again answers the same row."""
    if not is_member(user, getattr(organization, "pk", None), ADMIN):
        raise PermissionDenied(_("Only an owner or administrator of the organization can ask to join."))
    delegation = (
        Delegation.objects.select_for_update(of=("self",)).select_related("committee").get(pk=delegation.pk)
    )
    existing = DelegationMember.objects.filter(delegation=delegation, organization=organization).first()
    if existing is not None:
        return existing, False
    _check_role(role)
    if not delegation.published or delegation.status != DelegationStatus.PLANNED:
        raise conflict(_("Only a published delegation that is still planned takes requests to join."))
    member = DelegationMember.objects.create(
        delegation=delegation,
        organization=organization,
        role=role,
        status=MemberStatus.REQUESTED,
        participants=(participants or "").strip()[:100],
        note=(note or "").strip()[:2000],
        requested_by=user,
    )
    notices = []
    secretary_id = delegation.committee.secretary_id if delegation.committee_id else None
    if secretary_id:
        notices.append(
            Notice(
                "delegations.join_requested",
                {"delegation": delegation_names(delegation), "organization": organization.name},
                url=delegation.get_absolute_url() + "#members",
                user_id=secretary_id,
            )
        )
    announce(
        "delegation.join_requested",
        subject=delegation,
        actor=user,
        organization=organization,
        to_status=member.status,
        notices=notices,
        key=f"delegation:{delegation.pk}:member:{organization.pk}:requested",
    )
    return member, True


@transaction.atomic
def accept_member(user, member: DelegationMember) -> DelegationMember:
    """The organizer accepts a request to join; accepting an accepted member changes nothing."""
    member = (
        DelegationMember.objects.select_for_update(of=("self",))
        .select_related("delegation__committee", "organization")
        .get(pk=member.pk)
    )
    require_organizer(user, member.delegation)
    if member.status == MemberStatus.ACCEPTED:
        return member
    return add_member(user, member.delegation, member.organization, member.role)


@transaction.atomic
def remove_member(user, member: DelegationMember) -> None:
    member = DelegationMember.objects.select_related("delegation__committee", "organization").get(
        pk=member.pk
    )
    delegation = member.delegation
    require_organizer(user, delegation)
    if delegation.status in CLOSED:
        raise conflict(_("This delegation is over; its members can no longer change."))
    organization, before = member.organization, member.status
    member.delete()
    announce(
        "delegation.member_removed",
        subject=delegation,
        actor=user,
        organization=organization,
        from_status=before,
    )
