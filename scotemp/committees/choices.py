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


# ---- the committee's workspace: officers, work plan, KPIs, news, documents ----

NOTE_MAX = 4000  # characters of a work item's notes, a charter is free text
REASON_MAX = 2000  # characters of the operator's reason for sending a post back


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY = "deputy", _("Deputy secretary")
    OFFICER = "officer", _("Officer")


class WorkItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class KpiMetric(models.TextChoices):
    """What a committee measures; the actual values are computed from the platform's data
    (``queries.kpis``)."""

    MEMBERS = "members", _("Member organizations")
    VERIFIED_MEMBERS = "verified_members", _("Verified member organizations")
    LEADS = "leads", _("Trade leads in the committee's scope")
    MATCHES = "matches", _("Matches")
    RFQS = "rfqs", _("Requests for quotation")
    DEALS = "deals", _("Deals agreed")
    DEAL_VALUE_USD = "deal_value_usd", _("Value of deals agreed, USD")
    EVENTS = "events", _("Events held")
    MEETINGS = "meetings", _("B2B meetings")
    PROJECTS = "projects", _("Cooperation projects")


# Metrics the platform does not record yet: shown as "not tracked yet", never as a zero (none today;
# cooperation projects are recorded by scotemp.projects).
UNTRACKED_METRICS: frozenset = frozenset()


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Sent back for changes")


# The publish workflow: (from, to). The secretary submits; the operator publishes or sends back.
NEWS_TRANSITIONS = {
    (NewsStatus.DRAFT, NewsStatus.SUBMITTED),
    (NewsStatus.RETURNED, NewsStatus.SUBMITTED),
    (NewsStatus.SUBMITTED, NewsStatus.PUBLISHED),
    (NewsStatus.SUBMITTED, NewsStatus.RETURNED),
}
EDITABLE_NEWS = (NewsStatus.DRAFT, NewsStatus.RETURNED)


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    REGULATION = "regulation", _("Regulation")
    OTHER = "other", _("Other document")


class DocumentVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
