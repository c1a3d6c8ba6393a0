"""Periodic jobs of the events app (see scotemp.core.registry)."""

JOBS: list = []
