"""Periodic jobs of the deals workflow (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("deal_reminders", "0 8 * * *", _("answers due and quotations about to expire")),
]
