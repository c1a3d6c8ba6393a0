"""Writes about committee membership: applying, deciding, withdrawing.

The status of a membership changes only along :data:`~scotemp.committees.models.TRANSITIONS`, under a
row lock inside a transaction, so two secretaries deciding at once cannot both win."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization

from .models import TRANSITIONS, Committee, CommitteeMembership
from .models import CommitteeMembershipStatus as Status

DECISIONS = {"approve": Status.APPROVED, "reject": Status.REJECTED}


def _move(membership: CommitteeMembership, to: str) -> None:
    if (membership.status, to) not in TRANSITIONS:
        raise ValidationError(
            _("An application with the status “%(status)s” cannot change to “%(new)s”.")
            % {"status": membership.get_status_display(), "new": Status(to).label},
            code="conflict",
        )
    membership.status = to


@transaction.atomic
def apply_to_committee(
    user, committee_slug: str, organization_public_id, motivation: str = ""
) -> CommitteeMembership:
    """Apply for an organization to join a committee. Owners and administrators of the organization
    only (404 otherwise). A rejected or withdrawn organization may apply again; a pending or approved
    one gets a conflict error."""
    committee = get_object_or_404(Committee.objects.all(), slug=committee_slug)
    organization = get_object_or_404(Organization.objects.editable_by(user), public_id=organization_public_id)
    motivation = (motivation or "").strip()
    if len(motivation) > 2000:
        raise ValidationError({"motivation": [_("Use at most 2000 characters.")]})
    membership = (
        CommitteeMembership.objects.select_for_update()
        .filter(committee=committee, organization=organization)
        .first()
    )
    if membership is None:
        return CommitteeMembership.objects.create(
            committee=committee, organization=organization, motivation=motivation, applied_by=user
        )
    if membership.status in (Status.PENDING, Status.APPROVED):
        raise ValidationError(
            _("%(organization)s has already applied to this committee (%(status)s).")
            % {"organization": organization.name, "status": membership.get_status_display()},
            code="conflict",
        )
    _move(membership, Status.PENDING)
    membership.motivation = motivation
    membership.applied_by = user
    membership.decided_by = None
    membership.decided_at = None
    membership.decision_note = ""
    membership.save()
    return membership


@transaction.atomic
def decide_application(
    user, committee_slug: str, application_id: int, decision: str, note: str = ""
) -> CommitteeMembership:
    """Approve or reject a pending application. Only the committee's secretary or an operator
    (404 for everybody else). Records who decided, when, and the note (required to reject)."""
    committee = get_object_or_404(Committee.objects.managed_by(user), slug=committee_slug)
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Choose approve or reject.")]})
    note = (note or "").strip()
    if decision == "reject" and not note:
        raise ValidationError(
            {"note": [_("Say why the application is rejected; the applicant will read it.")]}
        )
    membership = (
        CommitteeMembership.objects.select_for_update().filter(committee=committee, pk=application_id).first()
    )
    if membership is None:
        raise Http404
    _move(membership, DECISIONS[decision])
    membership.decided_by = user
    membership.decided_at = timezone.now()
    membership.decision_note = note
    membership.save()
    return membership


@transaction.atomic
def withdraw_application(user, committee_slug: str, organization_public_id) -> CommitteeMembership:
    """Withdraw an organization's pending application or leave the committee. Owners and
    administrators of the organization only (404 otherwise)."""
    organization = get_object_or_404(Organization.objects.editable_by(user), public_id=organization_public_id)
    membership = (
        CommitteeMembership.objects.select_for_update()
        .filter(committee__slug=committee_slug, organization=organization)
        .first()
    )
    if membership is None:
        raise Http404
    _move(membership, Status.WITHDRAWN)
    membership.save()
    return membership
