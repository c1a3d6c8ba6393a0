"""Loads the logistics reference data shipped in ``data/`` (see ``data/PROVENANCE.md``): called by
``manage.py load_reference`` through :meth:`LogisticsConfig.load_reference_data`. Idempotent."""

from django.db import transaction


def load_logistics_reference(stdout=None, verbosity: int = 1) -> dict:
    from .costs import load_schedules
    from .network import load_network

    with transaction.atomic():
        counts = dict(load_network(stdout=stdout, verbosity=verbosity))
        counts.update(load_schedules(stdout=stdout, verbosity=verbosity))
    return counts
