"""Notification kinds of the import promotion zone (see scotemp.core.registry): none yet; changes to
the requirements are recorded in the audit trail."""

KINDS: dict = {}
