"""Notification kinds of verification (see scotemp.core.registry). The organization's members read
them in the app and by e-mail, in their own language."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "verification.approved": Kind(
        _("%(name)s is verified"),
        _(
            "The platform operator has checked the registration documents of %(name)s. Your directory "
            "profile now shows the verified badge, valid until %(until)s."
        ),
    ),
    "verification.rejected": Kind(
        _("Verification of %(name)s was declined"),
        format_lazy("{} {}", _("The platform operator could not verify %(name)s."), _("Reason: %(reason)s")),
    ),
    "verification.needs_info": Kind(
        _("Verification of %(name)s: more information needed"),
        format_lazy(
            "{}\n{}", _("The platform operator needs more information to verify %(name)s:"), "%(reason)s"
        ),
    ),
    "verification.resubmitted": Kind(
        _("%(name)s is back in verification review"),
        format_lazy(
            "{}\n{} %(fields)s",
            _(
                "The identity of %(name)s was changed, so its verified badge was removed until the "
                "platform operator checks it again."
            ),
            _("Changed:"),
        ),
    ),
    "verification.expiring": Kind(
        _("The verification of %(name)s expires on %(until)s"),
        _(
            "The verified badge of %(name)s is valid until %(until)s. To keep it, upload current "
            "registration documents and submit them for renewal before then."
        ),
    ),
    "verification.expired": Kind(
        _("The verification of %(name)s has expired"),
        _(
            "The verified badge of %(name)s was valid until %(until)s and has been removed from its "
            "directory profile. Submit current registration documents to be verified again."
        ),
    ),
}
