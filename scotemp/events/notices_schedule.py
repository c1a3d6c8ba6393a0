"""Notification kinds of the B2B schedule (merged into the app's ``notices.KINDS``)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "events.schedule_changed": Kind(
        _("Your B2B meetings at “%(event)s” changed"),
        _(
            "The organizer computed the meeting schedule: %(count)s of your meetings are new or moved. "
            "Open your agenda to see each meeting's time, table and interpreter."
        ),
    ),
}
