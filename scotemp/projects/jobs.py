"""Periodic jobs of the projects app (see scotemp.core.registry): none."""

JOBS: list = []
