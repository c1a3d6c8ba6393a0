"""Periodic jobs of core (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("purge_idempotency_keys", "40 * * * *", _("API retry keys older than a day")),
    Job("purge_held_uploads", "50 * * * *", _("files kept for forms with errors, older than a day")),
]
