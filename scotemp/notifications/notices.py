"""The notifications app's own kind: a free message whose title and body are given as params."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "message": Kind(_("%(title)s"), _("%(body)s")),
}
