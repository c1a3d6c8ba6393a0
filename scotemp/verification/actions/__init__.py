"""Writes about verification, one module per noun: documents (:mod:`.documents`), the review and its
decisions (:mod:`.reviews`) and the badge's expiry (:mod:`.expiry`); what they share is in
:mod:`.common`. Callers use the names re-exported here:
``from scotemp.verification import actions; actions.decide_review(...)``."""

from .documents import MAX_DOCUMENTS, delete_document, upload_document
from .expiry import REMINDER_BEFORE, process_expiry
from .reviews import TRANSITIONS, VALIDITY, decide_review, identity_changed, submit_for_review

__all__ = [
    "MAX_DOCUMENTS",
    "REMINDER_BEFORE",
    "TRANSITIONS",
    "VALIDITY",
    "decide_review",
    "delete_document",
    "identity_changed",
    "process_expiry",
    "submit_for_review",
    "upload_document",
]
