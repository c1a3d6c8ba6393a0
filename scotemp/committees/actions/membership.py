"""Writes about committee membership: applying, deciding, withdrawing.

The status of a membership changes only along :data:`~scotemp.committees.choices.TRANSITIONS`, under
a row lock inside a transaction, so two secretaries deciding at once cannot both win. Every change is
announced once in its transaction (one audit row per status change): the committee's secretary is
told of a new application, the applicant organization's members of the decision (kinds in
:mod:`scotemp.committees.notices`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce

from ..choices import MOTIVATION_MAX, TRANSITIONS, ApplicationDecision
from ..choices import CommitteeMembershipStatus as Status
from ..models import Committee, CommitteeMembership
from ..queries.kpis import forget_kpis

DECISIONS = {ApplicationDecision.APPROVE: Status.APPROVED, ApplicationDecision.REJECT: Status.REJECTED}


def _move(membership: CommitteeMembership, to: str) -> str:
    """Change the status along TRANSITIONS (or refuse with a conflict); returns the status it had."""
    before = membership.status
    if (before, to) not in TRANSITIONS:
        raise ValidationError(
            _("An application with the status “%(status)s” cannot change to “%(new)s”.")
            % {"status": membership.get_status_display(), "new": Status(to).label},
            code="conflict",
        )
    membership.status = to
    return before


def _committee_name(committee: Committee) -> dict[str, str]:
    """The committee's name in each language, as notification params keep it."""
    return {
        "en": committee.name_en or committee.name,
        "ru": committee.name_ru or committee.name_en or committee.name,
        "zh-hans": committee.name_zh_hans or committee.name_en or committee.name,
    }


def _announce(verb, membership, before, *, actor, organization, reason="", notices=()):
    announce(
        verb,
        subject=membership,
        actor=actor,
        organization=organization,
        from_status=before,
        to_status=membership.status,
        reason=reason,
        data={"committee": membership.committee.slug},
        notices=notices,
    )


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
    if len(motivation) > MOTIVATION_MAX:
        raise ValidationError(
            {"motivation": [_("Use at most %(max)d characters.") % {"max": MOTIVATION_MAX}]}
        )
    membership = (
        CommitteeMembership.objects.select_for_update()
        .filter(committee=committee, organization=organization)
        .first()
    )
    if membership is None:
        before = ""
        membership = CommitteeMembership.objects.create(
            committee=committee, organization=organization, motivation=motivation, applied_by=user
        )
    elif membership.status in (Status.PENDING, Status.APPROVED):
        raise ValidationError(
            _("%(organization)s has already applied to this committee (%(status)s).")
            % {"organization": organization.name, "status": membership.get_status_display()},
            code="conflict",
        )
    else:
        before = _move(membership, Status.PENDING)
        membership.motivation = motivation
        membership.applied_by = user
        membership.decided_by = None
        membership.decided_at = None
        membership.decision_note = ""
        membership.save()
    notices = []
    if committee.secretary_id:
        notices.append(
            Notice(
                "committees.application_received",
                {"organization": organization.name, "committee": _committee_name(committee)},
                reverse("committees:applications", args=[committee.slug]),
                user_id=committee.secretary_id,
                exclude_user_id=user.pk,
            )
        )
    _announce(
        "committees.application_submitted",
        membership,
        before,
        actor=user,
        organization=organization,
        reason=motivation,
        notices=notices,
    )
    return membership


@transaction.atomic
def decide_application(
    user, committee_slug: str, application_id: int, decision: str, note: str = ""
) -> CommitteeMembership:
    """Approve or reject a pending application. Only the committee's secretary or an operator
    (404 for everybody else). Records who decided, when, and the note (required to reject); the
    applicant organization's members are told."""
    committee = get_object_or_404(Committee.objects.managed_by(user), slug=committee_slug)
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Choose approve or reject.")]})
    note = (note or "").strip()
    if decision == ApplicationDecision.REJECT and not note:
        raise ValidationError(
            {"note": [_("Say why the application is rejected; the applicant will read it.")]}
        )
    membership = (
        CommitteeMembership.objects.select_for_update()
        .select_related("committee", "organization")
        .filter(committee=committee, pk=application_id)
        .first()
    )
    if membership is None:
        raise Http404
    before = _move(membership, DECISIONS[decision])
    membership.decided_by = user
    membership.decided_at = timezone.now()
    membership.decision_note = note
    membership.save()
    kind = (
        "committees.application_approved"
        if decision == ApplicationDecision.APPROVE
        else "committees.application_rejected"
    )
    _announce(
        "committees.application_decided",
        membership,
        before,
        actor=user,
        organization=membership.organization,
        reason=note,
        notices=[
            Notice(
                kind,
                {
                    "organization": membership.organization.name,
                    "committee": _committee_name(committee),
                    "reason": note,
                },
                reverse("committees:detail", args=[committee.slug]),
                organization_id=membership.organization_id,
                exclude_user_id=user.pk,
            )
        ],
    )
    _forget_figures(committee.pk)
    return membership


def _forget_figures(committee_id: int) -> None:
    """The committee's member figures changed: its KPIs are computed afresh after the commit, so the
    secretary who decided sees the new figures on the next page."""
    year = timezone.localdate().year
    transaction.on_commit(lambda: forget_kpis(committee_id, year))


@transaction.atomic
def withdraw_application(user, committee_slug: str, organization_public_id) -> CommitteeMembership:
    """Withdraw an organization's pending application or leave the committee. Owners and
    administrators of the organization only (404 otherwise)."""
    organization = get_object_or_404(Organization.objects.editable_by(user), public_id=organization_public_id)
    membership = (
        CommitteeMembership.objects.select_for_update()
        .select_related("committee")
        .filter(committee__slug=committee_slug, organization=organization)
        .first()
    )
    if membership is None:
        raise Http404
    before = _move(membership, Status.WITHDRAWN)
    membership.save()
    _announce("committees.application_withdrawn", membership, before, actor=user, organization=organization)
    _forget_figures(membership.committee_id)
    return membership
