"""Proof that an organization is real: uploaded registration documents, the operator's review and
the record of every decision. The resulting badge lives on ``directory.OrganizationProfile``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from .choices import Decision, DocumentKind, ReviewStatus

__all__ = [
    "Decision",
    "DocumentKind",
    "ReviewStatus",
    "VerificationDocument",
    "VerificationEvent",
    "VerificationReview",
    "document_path",
]


def document_path(instance, filename):
    # Server-generated name: the user's file name is kept only as metadata.
    return f"verification/{instance.organization.public_id}/{instance.public_id}.{instance.extension}"


class VerificationDocument(PublicIdModel):
    """A registration document; content type checked by its magic bytes, stored outside static files
    under a generated name, served only through a permission-checked view."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="verification_documents",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification document")
        verbose_name_plural = _("verification documents")

    def __str__(self):
        return self.original_name


class VerificationReview(PublicIdModel):
    """One round of review of an organization's documents, from submission to decision."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="verification_reviews",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification review")
        verbose_name_plural = _("verification reviews")
        constraints = [
            # At most one open review per organization.
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status__in=["pending", "needs_info"]),
                name="one_open_review_per_org",
            )
        ]

    def __str__(self):
        return f"{self.organization} ({self.status})"


class VerificationEvent(TimeStampedModel):
    """The audit trail: who did what to an organization's verification, when and why."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="verification_events",
        on_delete=models.CASCADE,
    )
    review = models.ForeignKey(
        VerificationReview,
        verbose_name=_("review"),
        null=True,
        blank=True,
        related_name="events",
        on_delete=models.SET_NULL,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification event")
        verbose_name_plural = _("verification events")

    def __str__(self):
        return f"{self.organization}: {self.decision}"
