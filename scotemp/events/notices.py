"""Notification kinds of the events app (see scotemp.core.registry)."""

KINDS: dict = {}
