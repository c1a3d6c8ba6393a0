"""Notification kinds of the delegations app (see scotemp.core.registry). ``delegation`` is given in
every working language (``{"en": …, "ru": …, "zh-hans": …}``) and shown in the reader's."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "delegations.member_added": Kind(
        _("Your organization joins the delegation: %(delegation)s"),
        _("The organizer added your organization to the delegation. The programme is on its page."),
    ),
    "delegations.member_accepted": Kind(
        _("Request accepted: %(delegation)s"),
        _("The organizer accepted your organization into the delegation. The programme is on its page."),
    ),
    "delegations.join_requested": Kind(
        _("%(organization)s asks to join %(delegation)s"),
        _("Open the delegation's members to accept the request."),
    ),
    "delegations.programme_changed": Kind(
        _("Programme changed: %(delegation)s"),
        _("The organizer changed the programme for %(day)s. See the delegation's page for the agenda."),
    ),
    "delegations.confirmed": Kind(
        _("Delegation confirmed: %(delegation)s"),
        _("The visit is confirmed. The programme and the note for the members are on its page."),
    ),
    "delegations.cancelled": Kind(
        _("Delegation cancelled: %(delegation)s"),
        _("The organizer cancelled the visit. %(reason)s"),
    ),
}
