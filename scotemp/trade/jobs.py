"""Periodic jobs of trade (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Job

JOBS = [
    Job("expire_leads", "20 * * * *", _("leads past their validity")),
    Job("saved_search_digests", "30 7 * * *", _("at most one digest a day per search")),
    Job("prune_match_changes", "10 * * * *", _("match index change rows, all but the latest")),
]
