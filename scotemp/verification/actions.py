"""Writes about verification: documents, submission, the operator's decisions, expiry.

Guarantees:
- The review's state changes follow :data:`TRANSITIONS` only. Each change locks the review row
  (``select_for_update`` inside ``atomic``; on SQLite the project's ``BEGIN IMMEDIATE`` serializes
  writers) and re-reads its state after taking the lock, so of two operators deciding the same review
  exactly one succeeds; the other gets a ``ValidationError`` with ``code="conflict"`` (HTTP 409).
- Every change writes one :class:`VerificationEvent` (who, when, why) in the same transaction.
- The badge (``OrganizationProfile.verification_status`` and dates) changes only here.
- E-mails go out after commit, in each recipient's own language.
- A document's file is on disk only if its row committed (see :func:`upload_document`).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Membership, Organization
from scotemp.core.mail import absolute_url
from scotemp.core.permissions import OWNER, is_operator
from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.notifications.actions import queue_email

from .models import (
    Decision,
    DocumentKind,
    ReviewStatus,
    VerificationDocument,
    VerificationEvent,
    VerificationReview,
)
from .uploads import check_upload, discard_on_failure, store_checked_file

VALIDITY = datetime.timedelta(days=365)
REMINDER_BEFORE = datetime.timedelta(days=30)
MAX_DOCUMENTS = 20

# decision -> (review states it may leave from, review state it leads to, profile status it sets)
# ``None`` for the profile status means "unchanged" (see _profile_status_after).
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
OPEN_STATES = (ReviewStatus.PENDING, ReviewStatus.NEEDS_INFO)


# --- helpers -----------------------------------------------------------------------------------------


def _locked_profile(organization: Organization) -> OrganizationProfile:
    """The organization's profile, created if missing, locked for the rest of the transaction."""
    OrganizationProfile.objects.get_or_create(organization=organization)
    return OrganizationProfile.objects.select_for_update().get(organization=organization)


def _event(organization, decision, actor=None, review=None, note="") -> VerificationEvent:
    return VerificationEvent.objects.create(
        organization=organization, review=review, actor=actor, decision=decision, note=note
    )


def notify_owners(organization: Organization, template: str, occasion: str, **context) -> None:
    """E-mail every owner of ``organization`` (through the outbox, in the caller's transaction), each
    in their own language; ``occasion`` names the event (an event id, a validity date), so that
    the e-mail of one occasion is queued once."""
    owners = Membership.objects.filter(
        organization=organization, role=OWNER, user__is_active=True
    ).select_related("user")
    status_url = absolute_url(reverse("verification:status", args=[organization.public_id]))
    for membership in owners:
        user = membership.user
        queue_email(
            user,
            f"verification/email/{template}",
            {"organization": organization, "user": user, "status_url": status_url, **context},
            f"verification:{organization.pk}:{template}:{occasion}:{user.pk}",
        )


def _editable_organization(user, organization_public_id) -> Organization:
    """The organization if ``user`` owns/administers it or is an operator; 404 for everyone else,
    403 for plain members (they can see the page but not act)."""
    editable = Organization.objects.editable_by(user).filter(public_id=organization_public_id).first()
    if editable is not None:
        return editable
    if Organization.objects.private_to(user).filter(public_id=organization_public_id).exists():
        raise PermissionDenied(_("Only owners and administrators manage the verification."))
    raise Http404


def _field_label(name: str):
    try:
        return Organization._meta.get_field(name).verbose_name  # lazy: rendered in the recipient's language
    except Exception:
        return name


# --- identity changes (called by the directory when a profile is edited) ----------------------------


def identity_changed(organization: Organization, actor, changed_fields) -> VerificationReview | None:
    """Send a verified organization back to review after its legal name or registration identifier
    changed: status pending, badge removed, an open review (new, or the open renewal reopened) and a
    RESUBMITTED event naming the fields. A no-op (returns ``None``) unless the organization is verified.

    Runs inside the caller's transaction (or its own); locks the profile row."""
    with transaction.atomic():
        profile = _locked_profile(organization)
        if profile.verification_status != VerificationStatus.VERIFIED:
            return None
        review = (
            VerificationReview.objects.select_for_update()
            .filter(organization=organization, status__in=OPEN_STATES)
            .first()
        )
        if review is None:
            review = VerificationReview.objects.create(organization=organization, submitted_by=actor)
        elif review.status != ReviewStatus.PENDING:
            review.status = ReviewStatus.PENDING
            review.save(update_fields=["status", "updated_at"])
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
        event = _event(
            organization,
            Decision.RESUBMITTED,
            actor=actor,
            review=review,
            note=", ".join(sorted(changed_fields)),
        )
        labels = [_field_label(name) for name in sorted(changed_fields)]
        notify_owners(organization, "resubmitted", f"event-{event.pk}", fields=labels)
        return review


# --- documents ---------------------------------------------------------------------------------------


def upload_document(user, organization_public_id, *, kind: str, uploaded) -> VerificationDocument:
    """Store a registration document for an organization (owners, administrators, operators).

    Guarantees: the content is a PDF, JPEG or PNG by its bytes and at most 10 MB; the organization
    holds at most ``MAX_DOCUMENTS``; the file is written under a server-generated name and exists on
    disk only if its row committed (this must be the outermost transaction: ``durable=True``)."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Choose the kind of document.")]}, code="invalid")
    detected = check_upload(uploaded)
    with discard_on_failure() as stored, transaction.atomic(durable=True):
        organization = _editable_organization(user, organization_public_id)
        Organization.objects.select_for_update().filter(pk=organization.pk).first()  # serialize the count
        if VerificationDocument.objects.filter(organization=organization).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {
                    "file": [
                        _("An organization can keep at most %(count)d documents. Delete one first.")
                        % {"count": MAX_DOCUMENTS}
                    ]
                },
                code="limit",
            )
        document = VerificationDocument(organization=organization, kind=kind, uploaded_by=user)
        store_checked_file(document, uploaded, detected, stored)  # name from document_path
        document.save()
    return document


def delete_document(user, organization_public_id, document_public_id) -> None:
    """Delete a document and, after commit, its file. Refused while a review of it is pending."""
    with transaction.atomic():
        organization = _editable_organization(user, organization_public_id)
        document = get_object_or_404(
            VerificationDocument.objects.select_for_update(),
            organization=organization,
            public_id=document_public_id,
        )
        if VerificationReview.objects.filter(organization=organization, status=ReviewStatus.PENDING).exists():
            raise ValidationError(
                _("The documents are being reviewed; you can delete them once the operator has decided."),
                code="conflict",
            )
        name = document.file.name
        document.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


def visible_document(user, organization_public_id, document_public_id) -> VerificationDocument:
    """A document for download: members of its organization and operators; 404 for everyone else."""
    organization = get_object_or_404(Organization.objects.private_to(user), public_id=organization_public_id)
    return get_object_or_404(
        VerificationDocument.objects.visible_to(user), organization=organization, public_id=document_public_id
    )


# --- submission and decisions --------------------------------------------------------------------------


def submit_for_review(user, organization_public_id, note: str = "") -> VerificationReview:
    """Ask the operator to verify the organization (owners, administrators, operators).

    Needs at least one document. Opens a review, or returns a review waiting for more information to
    the queue; refused (409) while a review is already pending. A verified organization may submit
    for renewal: its badge stays until a decision or its expiry."""
    with transaction.atomic():
        organization = _editable_organization(user, organization_public_id)
        profile = _locked_profile(organization)
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
        if review is None:
            review = VerificationReview.objects.create(organization=organization, submitted_by=user)
        else:
            _guarded_transition(review, "resubmit")
            review.submitted_by = user
            review.save(update_fields=["submitted_by", "updated_at"])
        if profile.verification_status != VerificationStatus.VERIFIED:
            profile.verification_status = VerificationStatus.PENDING
            profile.save(update_fields=["verification_status", "updated_at"])
        _event(organization, Decision.SUBMITTED, actor=user, review=review, note=note.strip())
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
    ``needs_info`` (message required). Exactly one of two concurrent decisions succeeds; the owners
    are told in their language after commit."""
    if not is_operator(operator):
        raise Http404
    if decision not in ("approve", "reject", "needs_info"):
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
        profile = _locked_profile(organization)
        _guarded_transition(review, decision)
        now = timezone.now()
        review.reviewer = operator
        review.decided_at = now
        review.reason = reason
        review.save(update_fields=["reviewer", "decided_at", "reason", "updated_at"])
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
        event = _event(organization, DECISION_EVENT[decision], actor=operator, review=review, note=reason)
        template = {"approve": "approved", "reject": "rejected", "needs_info": "needs_info"}[decision]
        notify_owners(
            organization, template, f"event-{event.pk}", reason=reason, verified_until=profile.verified_until
        )
        return review


# --- expiry --------------------------------------------------------------------------------------------


def process_expiry(today: datetime.date | None = None) -> dict[str, int]:
    """Remind owners once, 30 days before their badge expires; remove badges whose last valid day
    (``verified_until``) has passed (status expired, an EXPIRED event, owners told).

    Each profile is handled in its own transaction under a row lock, re-checked after locking, so
    running this twice (or on two machines) reminds and expires each profile once."""
    today = today or timezone.localdate()
    now = timezone.now()
    counts = {"reminded": 0, "expired": 0}
    verified = OrganizationProfile.objects.filter(verification_status=VerificationStatus.VERIFIED)
    for profile_id in verified.filter(verified_until__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            profile = (
                OrganizationProfile.objects.select_for_update()
                .select_related("organization")
                .get(pk=profile_id)
            )
            if profile.verification_status != VerificationStatus.VERIFIED or not (
                profile.verified_until and profile.verified_until < today
            ):
                continue
            expired_on = profile.verified_until
            profile.verification_status = VerificationStatus.EXPIRED
            profile.save(update_fields=["verification_status", "updated_at"])
            event = _event(profile.organization, Decision.EXPIRED, note=expired_on.isoformat())
            notify_owners(profile.organization, "expired", f"event-{event.pk}", verified_until=expired_on)
            counts["expired"] += 1
    due = verified.filter(
        verified_until__gte=today,
        verified_until__lte=today + REMINDER_BEFORE,
        expiry_reminder_sent_at__isnull=True,
    )
    for profile_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            profile = (
                OrganizationProfile.objects.select_for_update()
                .select_related("organization")
                .get(pk=profile_id)
            )
            if profile.verification_status != VerificationStatus.VERIFIED or profile.expiry_reminder_sent_at:
                continue
            profile.expiry_reminder_sent_at = now
            profile.save(update_fields=["expiry_reminder_sent_at", "updated_at"])
            notify_owners(
                profile.organization,
                "expiring",
                f"until-{profile.verified_until}",
                verified_until=profile.verified_until,
            )
            counts["reminded"] += 1
    return counts
