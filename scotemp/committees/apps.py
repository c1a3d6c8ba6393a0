from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "scotemp.committees"
    verbose_name = _("Working committees")

    def load_reference_data(self, stdout=None, verbosity: int = 1):
        """Hook called by ``manage.py load_reference`` after the reference tables: the 12 committees."""
        from .loading import load_committees

        return load_committees(stdout=stdout, verbosity=verbosity)
