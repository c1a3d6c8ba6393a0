"""Periodic jobs of the logistics app (see scotemp.core.registry)."""

JOBS: list = []
