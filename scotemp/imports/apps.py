from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "scotemp.imports"
    verbose_name = _("Import promotion zone")

    def load_reference_data(self, stdout=None, verbosity: int = 1):
        """Hook called by ``manage.py load_reference``: China's import requirements per HS code, from
        ``data/requirements.csv`` with their sources (``data/PROVENANCE.md``)."""
        from .actions.loading import load_imports_reference

        return load_imports_reference(stdout=stdout, verbosity=verbosity)
