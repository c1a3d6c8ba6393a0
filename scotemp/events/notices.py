"""Notification kinds of the events app (see scotemp.core.registry). ``event`` and ``when`` are given
in every working language (``{"en": …, "ru": …, "zh-hans": …}``); ``when`` is written in the
attendee's time zone."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

from .notices_b2b import B2B_KINDS
from .notices_schedule import KINDS as SCHEDULE_KINDS

KINDS = {
    "events.registration_pending": Kind(
        _("Registration received: %(event)s"),
        _("The organizer will confirm your registration. The event starts %(when)s."),
    ),
    "events.registration_to_approve": Kind(
        _("%(attendee)s asks to attend %(event)s"),
        _("Open the list of registrations to approve or decline."),
    ),
    "events.registration_confirmed": Kind(
        _("You are registered: %(event)s"),
        _(
            "Your seat is confirmed. The event starts %(when)s. "
            "Your badge and calendar file are on the event page."
        ),
    ),
    "events.registration_waitlisted": Kind(
        _("On the waiting list: %(event)s"),
        _(
            "The event is full. You are number %(position)s on the waiting list; "
            "we will tell you when a seat frees up."
        ),
    ),
    "events.registration_promoted": Kind(
        _("A seat freed up for you: %(event)s"),
        _("You moved up from the waiting list. The event starts %(when)s."),
    ),
    "events.registration_declined": Kind(
        _("Registration declined: %(event)s"),
        _("The organizer declined your registration. %(reason)s"),
    ),
    "events.event_cancelled": Kind(
        _("Cancelled: %(event)s"),
        _("The organizer cancelled the event planned for %(when)s. %(reason)s"),
    ),
    "events.event_reminder": Kind(
        _("Tomorrow: %(event)s"),
        _(
            "A reminder: the event starts %(when)s, %(place)s. "
            "Bring your badge (on the event page) for check-in."
        ),
    ),
}

KINDS.update(B2B_KINDS)
KINDS.update(SCHEDULE_KINDS)
