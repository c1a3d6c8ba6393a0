"""Writes of the directory, one module per noun: registering and editing organizations
(:mod:`.profiles`, with the field checks in :mod:`.profile_fields`), handing a profile over
(:mod:`.handovers`) and the organizations' inboxes (:mod:`.inbox`). Callers use the names
re-exported here: ``from scotemp.directory import actions; actions.update_profile(...)``."""

from .handovers import decide_handover, request_handover
from .inbox import RateLimited, check_rate_limit, mark_read, send_contact_message
from .profile_fields import EDITABLE_FIELDS, split_codes
from .profiles import IDENTITY_FIELDS, DuplicateRegistryId, register_organization, update_profile

__all__ = [
    "EDITABLE_FIELDS",
    "IDENTITY_FIELDS",
    "DuplicateRegistryId",
    "RateLimited",
    "check_rate_limit",
    "decide_handover",
    "mark_read",
    "register_organization",
    "request_handover",
    "send_contact_message",
    "split_codes",
    "update_profile",
]
