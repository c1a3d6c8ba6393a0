"""Writes of the deals workflow, one module per noun: requests and inquiries (:mod:`.inquiries`),
quotations (:mod:`.quotations`), a seller's offer on a buy request (:mod:`.offers`), the thread
(:mod:`.messages`), deal transitions (:mod:`.deals`),
term sheets (:mod:`.terms`) and the daily reminders (:mod:`.reminders`); the sides of a
negotiation in :mod:`.common`. Callers use the names re-exported here:
``from scotemp.deals import actions; actions.send_quotation(...)``."""

from .common import BUYER, SELLER, conflict, require_side, side_of
from .deals import (
    ACTION_LABELS,
    TRANSITIONS,
    action_states,
    allowed_actions,
    pending_proposal_refusal,
    transition_deal,
)
from .inquiries import check_source_lead, close_inquiry, decline_inquiry, request_operator_access, send_rfq
from .messages import mark_thread_read, post_message
from .offers import check_offer_lead, send_offer
from .quotations import accept_quotation, send_quotation
from .reminders import send_reminders
from .terms import decide_terms, propose_terms

__all__ = [
    "ACTION_LABELS",
    "BUYER",
    "SELLER",
    "TRANSITIONS",
    "accept_quotation",
    "action_states",
    "allowed_actions",
    "check_offer_lead",
    "check_source_lead",
    "close_inquiry",
    "conflict",
    "decide_terms",
    "decline_inquiry",
    "mark_thread_read",
    "pending_proposal_refusal",
    "post_message",
    "propose_terms",
    "request_operator_access",
    "require_side",
    "send_offer",
    "send_quotation",
    "send_reminders",
    "send_rfq",
    "side_of",
    "transition_deal",
]
