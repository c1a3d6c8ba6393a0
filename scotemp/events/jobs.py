"""Periodic jobs of the events app (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("event_reminders", "25 * * * *", _("reminders of events starting within a day")),
]
