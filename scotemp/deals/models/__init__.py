"""From first contact to a signed contract: requests for quotation (RFQs) and the inquiry each seller
receives, quotations and their revisions, the negotiation thread, deals with versioned term sheets
and the timeline of every step (read from the audit log, :func:`scotemp.deals.queries.timeline_of`).

Visibility (``core.permissions``): an inquiry, its quotations, messages and deal belong to two
organizations, the buyer and the seller; members of either see them, nobody else does. Operators
see a thread and its deal only after one of the parties asked them in (``operator_access_at``).
An RFQ (the buyer's request sent to up to 20 sellers) is the buyer's alone: a seller sees the request
through its own inquiry and never learns who else was asked.
"""

from .agreements import Deal, DealConfirmation, TermSheet, contract_path
from .common import TradeTerms
from .requests import Inquiry, Quotation, Rfq
from .threads import Attachment, Message, ThreadRead, attachment_path

__all__ = [
    "Attachment",
    "Deal",
    "DealConfirmation",
    "Inquiry",
    "Message",
    "Quotation",
    "Rfq",
    "TermSheet",
    "ThreadRead",
    "TradeTerms",
    "attachment_path",
    "contract_path",
]
