"""Notification kinds of trade leads, matches and saved searches (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from scotemp.core.registry import Kind

KINDS = {
    "match.new": Kind(
        _("New match for “%(lead_title)s”"),
        _("%(counterpart_title)s (%(counterpart_country)s) matches your lead: %(explanation)s"),
    ),
    "saved_search.new_leads": Kind(
        _("New leads for your search “%(search_name)s”"),
        ngettext_lazy(
            "%(count)s new lead matches your saved search.",
            "%(count)s new leads match your saved search.",
            "count",
        ),
    ),
    "lead.expiring": Kind(
        _("Your lead “%(lead_title)s” expires soon"),
        _("It stays visible until %(valid_until)s. Renew it to keep receiving matches."),
    ),
    "lead.expired": Kind(
        _("Your lead “%(lead_title)s” has expired"),
        _("Renew it to publish it again."),
    ),
}
