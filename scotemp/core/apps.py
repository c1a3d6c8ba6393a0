from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "scotemp.core"
    verbose_name = _("Core")

    def ready(self):
        from .registry import autodiscover

        autodiscover()
