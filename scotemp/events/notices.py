"""Notification kinds of the events app (see scotemp.core.registry)."""

from .notices_schedule import KINDS as SCHEDULE_KINDS

KINDS: dict = {**SCHEDULE_KINDS}
