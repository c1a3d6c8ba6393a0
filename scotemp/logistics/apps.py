from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "scotemp.logistics"
    verbose_name = _("Logistics")

    def load_reference_data(self, stdout=None, verbosity: int = 1):
        """Hook called by ``manage.py load_reference``: the corridor network (places, legs, corridors,
        CO₂ factors) and the sample tariff and VAT schedules, from ``data/`` with their sources."""
        from .actions.loading import load_logistics_reference

        return load_logistics_reference(stdout=stdout, verbosity=verbosity)
