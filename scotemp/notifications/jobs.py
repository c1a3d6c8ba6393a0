"""Periodic jobs of the notifications app (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("deliver_outbox", "* * * * *", _("e-mails a worker could not send, and stuck task rows")),
]
