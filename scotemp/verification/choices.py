"""Fixed choices of verification: the kinds of documents, the states of a review and the decisions
recorded in an organization's verification history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    REGISTRATION = "registration", _("Certificate of state registration")
    TAX = "tax", _("Tax registration certificate")
    BUSINESS_LICENSE = "business_license", _("Business licence")
    CHARTER = "charter", _("Charter / articles of association")
    AUTHORITY = "authority", _("Power of attorney for the account holder")
    OTHER = "other", _("Other document")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    NEEDS_INFO = "needs_info", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NEEDS_INFO = "needs_info", _("Asked for more information")
    RESUBMITTED = "resubmitted", _("Sent back to review after a change")
    EXPIRED = "expired", _("Verification expired")


class ReviewDecision(models.TextChoices):
    """What an operator decides on a pending review."""

    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    NEEDS_INFO = "needs_info", _("Ask for more information")
