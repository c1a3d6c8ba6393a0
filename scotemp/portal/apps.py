from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public front door: the home page that gathers figures from several domain apps."""

    name = "scotemp.portal"
    verbose_name = _("Portal")
