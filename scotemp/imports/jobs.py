"""Periodic jobs of the import promotion zone (see scotemp.core.registry)."""

JOBS: list = []
