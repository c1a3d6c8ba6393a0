"""Notification kinds of the committees (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "committees.application_received": Kind(
        _("%(organization)s applied to join %(committee)s"),
        _("Approve or reject the application in the committee's queue."),
    ),
    "committees.application_approved": Kind(
        _("%(organization)s is now a member of %(committee)s"),
        _("The committee's secretary approved the application."),
    ),
    "committees.application_rejected": Kind(
        _("The application of %(organization)s to %(committee)s was rejected"),
        _("Reason: %(reason)s"),
    ),
}

KINDS.update(
    {
        "committees.news_published": Kind(
            _("%(committee)s: %(title)s"),
            _("The committee published news."),
        ),
        "committees.news_returned": Kind(
            _("Your post “%(title)s” was sent back for changes"),
            _("Reason: %(reason)s"),
        ),
    }
)
