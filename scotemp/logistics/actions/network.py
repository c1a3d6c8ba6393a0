"""Writes of the corridor network."""


def load_network(stdout=None, verbosity: int = 1) -> dict:
    """Loads places, legs, corridors and CO₂ factors from ``data/`` (to be written)."""
    return {}
