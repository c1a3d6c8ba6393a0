"""Fixed choices of committee membership: its states, the changes allowed between them, and what a
secretary decides on an application."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MOTIVATION_MAX = 2000  # characters of an application's motivation


class CommitteeMembershipStatus(models.TextChoices):
    PENDING = "pending", _("Application pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The allowed status changes: (from, to). Anything else is refused.
TRANSITIONS = {
    (CommitteeMembershipStatus.PENDING, CommitteeMembershipStatus.APPROVED),
    (CommitteeMembershipStatus.PENDING, CommitteeMembershipStatus.REJECTED),
    (CommitteeMembershipStatus.PENDING, CommitteeMembershipStatus.WITHDRAWN),
    (CommitteeMembershipStatus.APPROVED, CommitteeMembershipStatus.WITHDRAWN),
    (CommitteeMembershipStatus.REJECTED, CommitteeMembershipStatus.PENDING),
    (CommitteeMembershipStatus.WITHDRAWN, CommitteeMembershipStatus.PENDING),
}


class ApplicationDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
