"""Notification kinds of the events app (see scotemp.core.registry)."""

from .notices_b2b import B2B_KINDS

KINDS: dict = {}

KINDS.update(B2B_KINDS)
