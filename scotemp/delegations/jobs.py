"""Periodic jobs of the delegations app (see scotemp.core.registry): none yet."""

JOBS: list = []
