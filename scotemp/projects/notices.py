"""Notification kinds of the projects app (see scotemp.core.registry). ``project`` and ``stage`` are
given in every working language (``{"en": …, "ru": …, "zh-hans": …}``)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "projects.interest_received": Kind(
        _("%(organization)s wants to join %(project)s"),
        _("Open the project to accept or decline the request. %(message)s"),
    ),
    "projects.partner_accepted": Kind(
        _("You are a partner of %(project)s"),
        _("%(owner)s accepted your organization as a partner of the project."),
    ),
    "projects.partner_declined": Kind(
        _("Request declined: %(project)s"),
        _("%(owner)s declined your organization's request to join the project."),
    ),
    "projects.partner_withdrew": Kind(
        _("%(organization)s left %(project)s"),
        _("The organization withdrew from the project."),
    ),
    "projects.stage_changed": Kind(
        _("%(project)s: %(stage)s"),
        _("The project moved to a new stage: %(stage)s. %(reason)s"),
    ),
}
