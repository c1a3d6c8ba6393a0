"""Writes of the duty and VAT schedules."""


def load_schedules(stdout=None, verbosity: int = 1) -> dict:
    """Loads the sample tariff and VAT schedules from ``data/`` (to be written)."""
    return {}
