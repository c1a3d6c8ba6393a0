"""Handing a profile over to its rightful owner: a signed-in user asks (e.g. the company's identifier
was registered by a former employee), an operator approves or rejects.

Every change of a request's status leaves one audit row (``directory.handover_requested``,
``directory.handover_decided``); the requester is told of the decision in the app and by e-mail, in
their language (kinds in :mod:`scotemp.directory.notices`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.choices import Role
from scotemp.accounts.models import Membership, Organization, User
from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import OWNER, forget_memberships, is_member, is_operator

from ..choices import HandoverStatus
from ..models import HandoverRequest


@transaction.atomic
def request_handover(user: User, public_id, message: str) -> HandoverRequest:
    """Ask the operator to hand the organization ``public_id`` over to ``user`` (e.g. its identifier
    was registered by a former employee). Signed-in users who are not already owners; one pending
    request per user and organization (asking again returns it with the new message)."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to ask for a handover."))
    organization = get_object_or_404(Organization.objects.all(), public_id=public_id)
    if is_member(user, organization.pk, OWNER):
        raise ValidationError(_("You are already an owner of this organization."), code="conflict")
    message = (message or "").strip()
    if not message:
        raise ValidationError(
            {
                "message": [
                    _(
                        "Tell the operator why the profile is yours, "
                        "e.g. your position and the company's documents."
                    )
                ]
            }
        )
    if len(message) > 2000:
        raise ValidationError({"message": [_("Use at most %(max)d characters.") % {"max": 2000}]})
    request, created = HandoverRequest.objects.get_or_create(
        organization=organization,
        requested_by=user,
        status=HandoverStatus.PENDING,
        defaults={"message": message},
    )
    if not created and request.message != message:
        request.message = message
        request.save(update_fields=["message", "updated_at"])
    if created:
        announce(
            "directory.handover_requested",
            subject=request,
            actor=user,
            organization=organization,
            to_status=HandoverStatus.PENDING,
            reason=message,
        )
    return request


@transaction.atomic
def decide_handover(operator: User, request_public_id, approve: bool, note: str = "") -> HandoverRequest:
    """The operator approves (the requester becomes an owner of the organization, keeping the other
    members) or rejects (with a note) a pending handover request; the requester is told. Deciding an
    already decided request is a conflict."""
    if not is_operator(operator):
        raise Http404  # the queue does not exist for anyone else
    request = get_object_or_404(
        HandoverRequest.objects.select_for_update().select_related("organization", "requested_by"),
        public_id=request_public_id,
    )
    if request.status != HandoverStatus.PENDING:
        raise ValidationError(_("This request was already decided."), code="conflict")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": [_("Say why the request is rejected; the requester will read it.")]})
    request.status = HandoverStatus.APPROVED if approve else HandoverStatus.REJECTED
    request.decided_by = operator
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    requester = request.requested_by
    ownership = ""
    if approve:
        membership, created = Membership.objects.get_or_create(
            user=requester, organization=request.organization, defaults={"role": Role.OWNER}
        )
        ownership = "added" if created else ("kept" if membership.role == Role.OWNER else "promoted")
        if ownership == "promoted":
            membership.role = Role.OWNER
            membership.save(update_fields=["role", "updated_at"])
        forget_memberships(requester)
        if requester.active_organization_id is None:
            requester.active_organization = request.organization
            requester.save(update_fields=["active_organization"])
    approved = request.status == HandoverStatus.APPROVED
    announce(
        "directory.handover_decided",
        subject=request,
        actor=operator,
        organization=request.organization,
        from_status=HandoverStatus.PENDING,
        to_status=request.status,
        reason=note,
        data={"requested_by": requester.pk, "ownership": ownership},
        notices=[
            Notice(
                "directory.handover_approved" if approved else "directory.handover_rejected",
                {"organization": request.organization.name, "note": note},
                reverse("accounts:organization", args=[request.organization.public_id])
                if approved
                else reverse("accounts:organizations"),
                user_id=requester.pk,
            )
        ],
        key=f"handover:{request.pk}:decided",
    )
    return request
