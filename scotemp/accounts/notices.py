"""Notification kinds of organizations and their members (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "accounts.invited": Kind(
        _("%(inviter)s invited you to join %(organization)s"),
        _("As %(role)s. Accept with the link in the e-mail sent to %(email)s."),
    ),
    "accounts.member_joined": Kind(
        _("%(member)s joined %(organization)s"),
        _("As %(role)s, by accepting an invitation."),
    ),
    "accounts.role_changed": Kind(
        _("Your role in %(organization)s is now %(role)s"),
        _("Changed by %(actor)s."),
    ),
    "accounts.removed": Kind(
        _("You are no longer a member of %(organization)s"),
        _("%(actor)s removed you. Your API tokens for this organization were revoked."),
    ),
}
