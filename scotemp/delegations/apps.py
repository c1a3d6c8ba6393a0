from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "scotemp.delegations"
    verbose_name = _("Delegations and visits")
