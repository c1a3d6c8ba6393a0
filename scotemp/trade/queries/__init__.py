"""Reads of trade, by noun: :mod:`.leads`, :mod:`.matches`, :mod:`.saved_searches`."""

from .leads import (
    DETAIL_RELATED,
    LeadContacts,
    can_edit,
    contacts_for,
    editable_lead,
    hs_name,
    is_verified,
    lead_for_viewer,
    organization_leads,
    status_counts,
    suggest_committee,
    text_in,
)

__all__ = [
    "DETAIL_RELATED",
    "LeadContacts",
    "can_edit",
    "contacts_for",
    "editable_lead",
    "hs_name",
    "is_verified",
    "lead_for_viewer",
    "organization_leads",
    "status_counts",
    "suggest_committee",
    "text_in",
]
