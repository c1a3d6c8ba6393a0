from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "scotemp.deals"
    verbose_name = _("Inquiries and deals")
