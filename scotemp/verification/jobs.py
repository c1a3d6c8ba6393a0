"""Periodic jobs of verification (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("verification_expiry", "15 3 * * *", _("badge reminders and expiry")),
]
