"""The review of an organization's documents: submission, the operator's decisions, and the return to
review after a change of identity.

Guarantees:
- The review's state changes follow :data:`TRANSITIONS` only. Each change locks the review row
  (``select_for_update`` inside ``atomic``; on SQLite the project's ``BEGIN IMMEDIATE`` serializes
  writers) and re-reads its state after taking the lock, so of two operators deciding the same review
  exactly one succeeds; the other gets a ``ValidationError`` with ``code="conflict"`` (HTTP 409).
- Every change writes, in the same transaction, one line of the organization's verification history
  (:class:`~scotemp.verification.models.VerificationEvent`, shown on its status page) and one audit
  row per status that changed: the review's (``verification.review_*``) and the badge's
  (``verification.badge_changed``).
- The badge (``OrganizationProfile.verification_status`` and dates) changes only here and in
  :mod:`.expiry`; the organization's members are told of each decision in their own language.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import announce, per_language
from scotemp.core.permissions import is_operator
from scotemp.directory.choices import VerificationStatus

from ..choices import Decision, ReviewDecision, ReviewStatus
from ..models import VerificationDocument, VerificationReview
from .common import (
    OPEN_STATES,
    badge_changed,
    date_param,
    editable_organization,
    locked_profile,
    owners_notice,
    record_event,
)

VALIDITY = datetime.timedelta(days=365)

# decision -> (review states it may leave from, review state it leads to)
TRANSITIONS = {
    "approve": ({ReviewStatus.PENDING}, ReviewStatus.APPROVED),
    "reject": ({ReviewStatus.PENDING}, ReviewStatus.REJECTED),
    "needs_info": ({ReviewStatus.PENDING}, ReviewStatus.NEEDS_INFO),
    "resubmit": ({ReviewStatus.NEEDS_INFO}, ReviewStatus.PENDING),
}
DECISION_EVENT = {
    "approve": Decision.APPROVED,
    "reject": Decision.REJECTED,
    "needs_info": Decision.NEEDS_INFO,
    "resubmit": Decision.SUBMITTED,
}
DECISION_NOTICE = {
    ReviewDecision.APPROVE: "verification.approved",
    ReviewDecision.REJECT: "verification.rejected",
    ReviewDecision.NEEDS_INFO: "verification.needs_info",
}


def _review_changed(verb, review, before: str, *, actor=None, reason="", notices=(), key=""):
    announce(
        verb,
        subject=review,
        actor=actor,
        organization=review.organization_id,
        from_status=before,
        to_status=review.status,
        reason=reason,
        notices=notices,
        key=key,
    )


def _field_label(name: str):
    try:
        return Organization._meta.get_field(name).verbose_name  # lazy: rendered in each language
    except Exception:
        return name


# --- identity changes (called by the directory when a profile is edited) ----------------------------


def identity_changed(organization: Organization, actor, changed_fields) -> VerificationReview | None:
    """Send a verified organization back to review after its legal name or registration identifier
    changed: status pending, badge removed, an open review (new, or the open renewal reopened) and a
    RESUBMITTED event naming the fields. A no-op (returns ``None``) unless the organization is verified.

    Runs inside the caller's transaction (or its own); locks the profile row."""
    with transaction.atomic():
        profile = locked_profile(organization)
        if profile.verification_status != VerificationStatus.VERIFIED:
            return None
        review = (
            VerificationReview.objects.select_for_update()
            .filter(organization=organization, status__in=OPEN_STATES)
            .first()
        )
        review_before = review.status if review is not None else ""
        if review is None:
            review = VerificationReview.objects.create(organization=organization, submitted_by=actor)
        elif review.status != ReviewStatus.PENDING:
            review.status = ReviewStatus.PENDING
            review.save(update_fields=["status", "updated_at"])
        before = profile.verification_status
        profile.verification_status = VerificationStatus.PENDING
        profile.verified_at = None
        profile.verified_until = None
        profile.expiry_reminder_sent_at = None
        profile.save(
            update_fields=[
                "verification_status",
                "verified_at",
                "verified_until",
                "expiry_reminder_sent_at",
                "updated_at",
            ]
        )
        fields = sorted(changed_fields)
        event = record_event(
            organization, Decision.RESUBMITTED, actor=actor, review=review, note=", ".join(fields)
        )
        if review.status != review_before:
            _review_changed("verification.review_reopened", review, review_before, actor=actor)
        badge_changed(
            profile,
            before,
            actor=actor,
            reason=", ".join(fields),
            notices=[
                owners_notice(
                    "verification.resubmitted",
                    organization,
                    fields=per_language(lambda: ", ".join(str(_field_label(name)) for name in fields)),
                )
            ],
            key=f"verification:{organization.pk}:event:{event.pk}",
        )
        return review


# --- submission and decisions --------------------------------------------------------------------------


def submit_for_review(user, organization_public_id, note: str = "") -> VerificationReview:
    """Ask the operator to verify the organization (owners, administrators, operators).

    Needs at least one document. Opens a review, or returns a review waiting for more information to
    the queue; refused (409) while a review is already pending. A verified organization may submit
    for renewal: its badge stays until a decision or its expiry."""
    with transaction.atomic():
        organization = editable_organization(user, organization_public_id)
        profile = locked_profile(organization)
        if not VerificationDocument.objects.filter(organization=organization).exists():
            raise ValidationError(
                {"file": [_("Upload at least one registration document before submitting.")]}, code="required"
            )
        review = (
            VerificationReview.objects.select_for_update()
            .filter(organization=organization, status__in=OPEN_STATES)
            .first()
        )
        if review is not None and review.status == ReviewStatus.PENDING:
            raise ValidationError(_("The documents are already waiting for review."), code="conflict")
        review_before = review.status if review is not None else ""
        if review is None:
            review = VerificationReview.objects.create(organization=organization, submitted_by=user)
        else:
            _guarded_transition(review, "resubmit")
            review.submitted_by = user
            review.save(update_fields=["submitted_by", "updated_at"])
        before = profile.verification_status
        if profile.verification_status != VerificationStatus.VERIFIED:
            profile.verification_status = VerificationStatus.PENDING
            profile.save(update_fields=["verification_status", "updated_at"])
        note = note.strip()
        record_event(organization, Decision.SUBMITTED, actor=user, review=review, note=note)
        _review_changed("verification.review_submitted", review, review_before, actor=user, reason=note)
        badge_changed(profile, before, actor=user)
        return review


def _guarded_transition(review: VerificationReview, decision: str) -> None:
    """Move a locked review along TRANSITIONS or refuse with a conflict naming its current state."""
    sources, target = TRANSITIONS[decision]
    if review.status not in sources:
        raise ValidationError(
            _(
                "This review is already “%(status)s”; nothing was changed. "
                "Reload the page to see the latest state."
            )
            % {"status": review.get_status_display()},
            code="conflict",
        )
    review.status = target
    review.save(update_fields=["status", "updated_at"])


def decide_review(operator, review_public_id, decision: str, reason: str = "") -> VerificationReview:
    """An operator's decision on a pending review: ``approve``, ``reject`` (reason required) or
    ``needs_info`` (message required). Exactly one of two concurrent decisions succeeds; the
    organization's members are told. The review queue exists for operators only (404 for others)."""
    if not is_operator(operator):
        raise Http404
    if decision not in DECISION_NOTICE:
        raise ValidationError({"decision": [_("Choose approve, reject or ask for more information.")]})
    reason = (reason or "").strip()
    if decision == "reject" and not reason:
        raise ValidationError({"reason": [_("Give the reason for the rejection; the owner will read it.")]})
    if decision == "needs_info" and not reason:
        raise ValidationError({"reason": [_("Say what else the owner should provide.")]})
    with transaction.atomic():
        review = get_object_or_404(
            VerificationReview.objects.select_for_update().select_related("organization"),
            public_id=review_public_id,
        )
        organization = review.organization
        profile = locked_profile(organization)
        review_before = review.status
        _guarded_transition(review, decision)
        now = timezone.now()
        review.reviewer = operator
        review.decided_at = now
        review.reason = reason
        review.save(update_fields=["reviewer", "decided_at", "reason", "updated_at"])
        before = profile.verification_status
        if decision == "approve":
            profile.verification_status = VerificationStatus.VERIFIED
            profile.verified_at = now
            profile.verified_until = timezone.localdate(now) + VALIDITY
            profile.expiry_reminder_sent_at = None
        elif decision == "reject":
            profile.verification_status = VerificationStatus.REJECTED
            profile.verified_at = None
            profile.verified_until = None
        elif profile.verification_status != VerificationStatus.VERIFIED:
            profile.verification_status = VerificationStatus.NEEDS_INFO  # a renewal keeps its badge meanwhile
        profile.save()
        event = record_event(
            organization, DECISION_EVENT[decision], actor=operator, review=review, note=reason
        )
        until = date_param(profile.verified_until)
        _review_changed(
            "verification.review_decided",
            review,
            review_before,
            actor=operator,
            reason=reason,
            notices=[owners_notice(DECISION_NOTICE[decision], organization, reason=reason, until=until)],
            key=f"verification:{organization.pk}:event:{event.pk}",
        )
        badge_changed(profile, before, actor=operator, reason=reason)
        return review
