"""Notification kinds of the directory (see scotemp.core.registry)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "directory.inbox_message": Kind(
        _("New message for %(organization)s: %(subject)s"),
        format_lazy(
            "{}\n\n{}",
            _("%(sender)s wrote to %(organization)s through its page on %(platform)s:"),
            "%(excerpt)s",
        ),
    ),
    "directory.handover_approved": Kind(
        _("You are now an owner of %(organization)s"),
        _(
            "The platform operator approved your request: you are now an owner of %(organization)s "
            "and can edit its profile and manage its members."
        ),
    ),
    "directory.handover_rejected": Kind(
        _("Your request to take over %(organization)s was rejected"),
        format_lazy("{} %(note)s", _("Operator's note:")),
    ),
}
