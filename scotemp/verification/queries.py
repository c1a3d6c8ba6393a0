"""Reads about verification. Each function costs a fixed number of queries."""

from django.shortcuts import get_object_or_404

from scotemp.accounts.models import Organization
from scotemp.directory.models import OrganizationProfile

from .choices import ReviewStatus
from .models import VerificationDocument, VerificationEvent, VerificationReview


def private_organization(user, public_id) -> Organization:
    """The organization if ``user`` is one of its members or an operator; 404 otherwise."""
    return get_object_or_404(
        Organization.objects.private_to(user).select_related("country"), public_id=public_id
    )


def profile_of(organization) -> OrganizationProfile | None:
    return OrganizationProfile.objects.filter(organization=organization).first()


def document_for_download(user, organization_public_id, document_public_id) -> VerificationDocument:
    """A document for download: members of its organization and operators; 404 for everyone else."""
    organization = private_organization(user, organization_public_id)
    return get_object_or_404(
        VerificationDocument.objects.visible_to(user), organization=organization, public_id=document_public_id
    )


def can_manage(user, organization) -> bool:
    """Whether ``user`` uploads, deletes and submits the organization's documents: its owners and
    administrators, and operators (the rule ``actions.common.editable_organization`` enforces)."""
    return Organization.objects.editable_by(user).filter(pk=organization.pk).exists()


def documents_of(organization):
    return VerificationDocument.objects.filter(organization=organization).select_related("uploaded_by")


def events_of(organization):
    return (
        VerificationEvent.objects.filter(organization=organization)
        .select_related("actor")
        .order_by("-created_at")
    )


def open_review_of(organization) -> VerificationReview | None:
    return VerificationReview.objects.filter(
        organization=organization, status__in=(ReviewStatus.PENDING, ReviewStatus.NEEDS_INFO)
    ).first()


def review_queue(user):
    """Pending reviews, oldest first, with organization, country and documents; operators only
    (``visible_to`` gives them every row). Three queries whatever the length."""
    return (
        VerificationReview.objects.visible_to(user)
        .filter(status=ReviewStatus.PENDING)
        .select_related("organization__country", "submitted_by")
        .prefetch_related("organization__verification_documents")
        .order_by("created_at", "pk")
    )


def review_visible_to(user, public_id) -> VerificationReview:
    return get_object_or_404(
        VerificationReview.objects.visible_to(user).select_related("organization__country"),
        public_id=public_id,
    )
