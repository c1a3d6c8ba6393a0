"""Writes of trade, by noun: :mod:`.leads`, :mod:`.matches`, :mod:`.saved_searches`."""

from .leads import (
    REFUSED,
    TRANSITIONS,
    allowed_actions,
    close_lead,
    create_lead,
    duplicate_lead,
    ensure_allowed,
    expire_leads,
    pause_lead,
    publish_lead,
    renew_lead,
    update_lead,
)
from .matches import decide_match, undo_decision
from .saved_searches import create_saved_search, delete_saved_search, send_digest, send_digests

__all__ = [
    "REFUSED",
    "TRANSITIONS",
    "allowed_actions",
    "close_lead",
    "create_lead",
    "create_saved_search",
    "decide_match",
    "delete_saved_search",
    "duplicate_lead",
    "ensure_allowed",
    "expire_leads",
    "pause_lead",
    "publish_lead",
    "renew_lead",
    "send_digest",
    "send_digests",
    "undo_decision",
    "update_lead",
]
