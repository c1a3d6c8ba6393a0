"""Coded values of the delegations app, shared by its domain code and its web layers (ADR 0012)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound: visiting Chongqing")
    OUTBOUND = "outbound", _("Outbound: from Chongqing")


class DelegationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses a delegation may move to from each status (one step forward, or cancelled before the
# visit ends). Completed and cancelled are final.
TRANSITIONS = {
    DelegationStatus.PLANNED: (DelegationStatus.CONFIRMED, DelegationStatus.CANCELLED),
    DelegationStatus.CONFIRMED: (DelegationStatus.UNDER_WAY, DelegationStatus.CANCELLED),
    DelegationStatus.UNDER_WAY: (DelegationStatus.COMPLETED, DelegationStatus.CANCELLED),
    DelegationStatus.COMPLETED: (),
    DelegationStatus.CANCELLED: (),
}
CLOSED = (DelegationStatus.COMPLETED, DelegationStatus.CANCELLED)


class MemberRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    HOST = "host", _("Host")
    CO_ORGANIZER = "co_organizer", _("Co-organizer")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class MemberStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACCEPTED = "accepted", _("Member")


class ProgrammeKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    SITE_VISIT = "site_visit", _("Site visit")
    FORUM = "forum", _("Forum or event")
    SIGNING = "signing", _("Signing ceremony")
    OTHER = "other", _("Other")


class OutcomeKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement signed")
    MOU = "mou", _("Memorandum of understanding")
    RFQ = "rfq", _("Request for quotation")
    DEAL = "deal", _("Deal")
    PROJECT = "project", _("Project started")
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
