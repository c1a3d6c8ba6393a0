"""Coded values of the events app, shared by its domain code and its web layers (ADR 0012)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    CONFERENCE = "conference", _("Conference")
    EXHIBITION = "exhibition", _("Exhibition")
    B2B = "b2b", _("B2B session")
    WEBINAR = "webinar", _("Webinar")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class AttendeeType(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")
    INVESTOR = "investor", _("Investor")
    GOVERNMENT = "government", _("Government")
    MEDIA = "media", _("Media")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# Registrations that hold a seat (count against the capacity).
SEATED = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


# ---- B2B meetings ----


class B2BPhase(models.TextChoices):
    """The phases of a B2B session, in order; the organizer moves it forward (and may step back)."""

    PROFILE = "profile", _("Profiles")
    REQUESTS_OPEN = "requests_open", _("Requests open")
    REQUESTS_CLOSED = "requests_closed", _("Requests closed")
    PROVISIONAL = "provisional", _("Provisional schedule")
    FINAL = "final", _("Final schedule")


class Priority(models.IntegerChoices):
    """A meeting request's priority; its value is the request's weight in the scheduler's objective."""

    WOULD_LIKE = 1, _("Would like to meet")
    MUST = 3, _("Must meet")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class MeetingStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    CONFIRMED = "confirmed", _("Confirmed")  # published in the final schedule, or booked by the two sides
    CANCELLED = "cancelled", _("Cancelled")


class MeetingSource(models.TextChoices):
    SCHEDULER = "scheduler", _("Scheduled by the organizer")
    BOOKED = "booked", _("Booked by the participants")
    ORGANIZER = "organizer", _("Placed by the organizer")


class UnscheduledReason(models.TextChoices):
    """Why the scheduler left an accepted request out (values of ``scheduling.Unscheduled``)."""

    NO_COMMON_SLOT = "no_common_slot", _("No common free slot")
    CAP_REACHED = "cap_reached", _("One side reached their meeting limit")
    NO_INTERPRETER = "no_interpreter", _("No interpreter free for this language pair")
    NO_TABLE = "no_table", _("No free table")
    BUSY = "busy", _("The common free slots went to other meetings")


class Outcome(models.TextChoices):
    NO_INTEREST = "no_interest", _("No interest")
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    RFQ = "rfq", _("Request for quotation")
    DEAL = "deal", _("Deal")
    AGREEMENT = "agreement", _("Cooperation agreement")
