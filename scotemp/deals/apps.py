from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "scotemp.deals"
    verbose_name = _("Inquiries and deals")

    def ready(self):
        from django.core import checks

        from .checks import pdf_font_check

        checks.register(pdf_font_check)
