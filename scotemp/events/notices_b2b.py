"""Notification kinds of the B2B meetings (merged into the events app's ``KINDS``)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

B2B_KINDS = {
    "events.b2b_request_received": Kind(
        _("%(requester)s asks to meet you at %(event)s"),
        _("Priority: %(priority)s. Accept or decline the request on your B2B requests page."),
    ),
    "events.b2b_request_accepted": Kind(
        _("%(recipient)s accepted your meeting request"),
        _("Your meeting at %(event)s will be scheduled; you can also book a free common slot yourself."),
    ),
    "events.b2b_request_declined": Kind(
        _("%(recipient)s declined your meeting request"),
        _("They will not meet at %(event)s. Other participants may suit you: see the participant list."),
    ),
    "events.b2b_request_withdrawn": Kind(
        _("%(requester)s withdrew their meeting request"),
        _("The request to meet you at %(event)s was withdrawn."),
    ),
    "events.b2b_meeting_booked": Kind(
        _("Meeting with %(other)s booked: %(time)s"),
        _("%(event)s, %(table)s. Interpreter: %(interpreter)s. It is on your agenda."),
    ),
    "events.b2b_meeting_changed": Kind(
        _("Your meeting with %(other)s is now at %(time)s"),
        _("The organizer of %(event)s changed it: %(table)s, interpreter: %(interpreter)s. See your agenda."),
    ),
    "events.b2b_meeting_cancelled": Kind(
        _("Meeting with %(other)s cancelled (%(time)s)"),
        _("%(event)s. Reason: %(reason)s"),
    ),
    "events.b2b_outcome_recorded": Kind(
        _("%(other)s recorded the outcome of your meeting: %(outcome)s"),
        _("%(event)s. Record your side's outcome on the meeting's page."),
    ),
    "events.b2b_agenda": Kind(
        _("Your %(which)s agenda for %(event)s: %(count)s meetings"),
        _("%(lines)s"),
    ),
}
