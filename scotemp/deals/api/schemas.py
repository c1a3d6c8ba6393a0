"""Schemas of the deals API: what each endpoint reads and answers. Codes with a fixed set of values
(statuses, roles, actions, document types) are typed with that set, so the OpenAPI schema lists them.
Money and quantities are strings (exact decimals), dates ISO 8601."""

import datetime
from typing import Literal
from uuid import UUID

from django.conf import settings
from ninja import Field, Schema

from scotemp.core.api.schema import JsonObject, decimal_in

from ..actions import TRANSITIONS
from ..choices import (
    MAX_MESSAGE_LENGTH,
    MAX_REASON_LENGTH,
    MAX_RFQ_SELLERS,
    ConfirmationStep,
    DealEventKind,
    DealStatus,
    DocumentType,
    InquiryStatus,
    QuotationStatus,
    TermsStatus,
)

Role = Literal["buyer", "seller"]
InquiryStatusCode = Literal[tuple(InquiryStatus.values)]  # type: ignore[valid-type]
QuotationStatusCode = Literal[tuple(QuotationStatus.values)]  # type: ignore[valid-type]
DealStatusCode = Literal[tuple(DealStatus.values)]  # type: ignore[valid-type]
TermsStatusCode = Literal[tuple(TermsStatus.values)]  # type: ignore[valid-type]
DocumentTypeCode = Literal[tuple(DocumentType.values)]  # type: ignore[valid-type]
EventKind = Literal[tuple(DealEventKind.values)]  # type: ignore[valid-type]
Action = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]
Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]

# What the actions accept as free text, stated in the schema (the actions check it and answer in the
# caller's language): no NUL character, and for a required text at least one visible character.
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\s\x00\x1c-\x1f\x85][^\x00]*$"
REASON = {"minLength": 1, "maxLength": MAX_REASON_LENGTH, "pattern": NOT_BLANK}
MESSAGE = {"minLength": 1, "maxLength": MAX_MESSAGE_LENGTH, "pattern": NOT_BLANK}


def dec(value) -> str | None:
    """A decimal as an exact string (``None`` stays ``None``)."""
    return None if value is None else str(value)


def org_out(org) -> dict:
    return {
        "public_id": org.public_id,
        "name": org.name,
        "name_latin": org.name_latin,
        "country": org.country_id,
    }


class OrgOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str | None


CODE3 = r"^[A-Za-z]{3}$"
QUANTITY = decimal_in(16, 3, positive=True)
PRICE = decimal_in(16, 4, positive=True)


class TradeTermsIn(JsonObject):
    """Fields shared by a quotation and a term sheet, all required; ``TradeTermsForm`` and its
    subclasses then check the codes against the reference data (422 naming the field)."""

    quantity: QUANTITY
    unit: str = Field(min_length=1, max_length=3, description="UN/ECE Rec 20 code, e.g. TNE.")
    unit_price: PRICE
    currency: str = Field(pattern=CODE3, description="ISO 4217, e.g. USD.")
    incoterm: str = Field(pattern=CODE3, description="Incoterms 2020, e.g. FCA.")
    incoterm_place: str = Field(min_length=1, max_length=5, description="UN/LOCODE, e.g. KZALA.")
    payment_terms: str = Field(min_length=1, max_length=300)


# --- requests, inquiries, quotations, the thread ----------------------------------------------------


class InquiryOut(Schema):
    public_id: UUID
    rfq: UUID | None = None  # the buyer's request; only the buyer's side sees it
    role: Role | None  # None for an operator asked in
    status: InquiryStatusCode
    status_label: str
    buyer: OrgOut
    seller: OrgOut
    goods: str
    hs_code: str
    quantity: str
    unit: str
    target_price: str | None
    currency: str | None
    incoterm: str
    incoterm_place: str
    delivery_from: datetime.date | None
    delivery_until: datetime.date | None
    respond_by: datetime.date | None
    questions: str
    decline_reason: str
    unread: int
    last_message_at: datetime.datetime | None
    operator_asked_in: bool
    deal: UUID | None
    created_at: datetime.datetime


class RfqIn(JsonObject):
    """The fields of ``RfqForm``; the form then checks the codes against the reference data (422
    naming the field)."""

    sellers: list[UUID] = Field(min_length=1, max_length=MAX_RFQ_SELLERS)
    lead: UUID | None = None
    goods: str = Field(min_length=1, max_length=200)
    hs_code: str = Field(pattern=r"^[0-9]{4}(\.?[0-9]{2})?$", description="HS heading or subheading.")
    quantity: QUANTITY
    unit: str = Field(min_length=1, max_length=3, description="UN/ECE Rec 20 code, e.g. TNE.")
    target_price: PRICE | None = None
    currency: str | None = Field(None, pattern=CODE3, description="ISO 4217; required with a target price.")
    incoterm: str = Field(pattern=CODE3, description="Incoterms 2020, e.g. FCA.")
    incoterm_place: str = Field(min_length=1, max_length=5, description="UN/LOCODE, e.g. KZALA.")
    delivery_from: datetime.date | None = None
    delivery_until: datetime.date | None = None
    respond_by: datetime.date | None = None
    questions: str | None = None


class RfqOut(Schema):
    rfq: UUID
    inquiries: list[InquiryOut]


class ReasonIn(JsonObject):
    """A reason, required (declining, rejecting terms, asking the operator in)."""

    reason: str = Field("", json_schema_extra=REASON)

    model_config = {"json_schema_extra": {"required": ["reason"]}}


class QuotationIn(TradeTermsIn):
    """The fields of ``QuotationForm``."""

    min_order: QUANTITY | None = None
    lead_time_days: int = Field(ge=0, le=730, description="Days from order to shipment.")
    valid_until: datetime.date
    note: str | None = Field(None, max_length=4000)


class OfferIn(TradeTermsIn):
    """The fields of ``OfferForm``: a quotation, the product as the seller names it, and a message
    that opens the thread with the buyer."""

    goods: str = Field(min_length=1, max_length=200, description="The product as the seller names it.")
    min_order: QUANTITY | None = None
    lead_time_days: int = Field(ge=0, le=730, description="Days from order to shipment.")
    valid_until: datetime.date
    message: str | None = Field(None, max_length=MAX_MESSAGE_LENGTH, pattern=NO_NUL)


class QuotationOut(Schema):
    public_id: UUID
    inquiry: UUID
    version: int
    goods: str  # the product as the seller named it in an offer; empty: the request's goods
    status: QuotationStatusCode
    status_label: str
    unit_price: str
    currency: str
    quantity: str
    unit: str
    total: str
    min_order: str | None
    incoterm: str
    incoterm_place: str
    lead_time_days: int
    payment_terms: str
    valid_until: datetime.date
    note: str
    created_at: datetime.datetime


class OfferOut(Schema):
    inquiry: InquiryOut  # the seller's inquiry of the buy request, holding the offer
    quotation: QuotationOut


class AttachmentOut(Schema):
    public_id: UUID
    name: str
    content_type: str
    size: int
    url: str


class MessageOut(Schema):
    public_id: UUID
    organization: OrgOut
    author: str | None
    mine: bool
    body: str
    created_at: datetime.datetime
    attachments: list[AttachmentOut]


class ComparedOut(Schema):
    inquiry: UUID
    seller: OrgOut
    quotation: UUID
    version: int
    status: QuotationStatusCode
    unit_price: str
    currency: str
    quantity: str
    unit: str
    total: str
    converted_unit_price: str | None
    converted_total: str | None
    rate: str | None
    rate_date: datetime.date | None
    is_demo: bool
    incoterm: str
    incoterm_place: str
    lead_time_days: int
    valid_until: datetime.date


class ComparisonOut(Schema):
    currency: str
    on_date: datetime.date
    rows: list[ComparedOut]
    waiting: list[UUID]
    uses_demo_rates: bool
    missing_rates: list[str]


# --- deals and terms ---------------------------------------------------------------------------------


class TermsOut(Schema):
    version: int
    status: TermsStatusCode
    status_label: str
    proposed_by: OrgOut
    goods: str
    hs_code: str
    quantity: str
    unit: str
    unit_price: str
    currency: str
    total: str
    incoterm: str
    incoterm_place: str
    payment_terms: str
    delivery_from: datetime.date
    delivery_until: datetime.date
    inspection: str
    documents_required: str
    note: str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None


class ActionOut(Schema):
    action: Action
    label: str
    enabled: bool = True  # False while it cannot be taken (e.g. "agree" while a proposal waits)
    reason: str = ""  # why it is disabled, or what confirming now does
    confirmed: bool = False  # "agree"/"sign": this side already confirmed the version in question


ConfirmationStepCode = Literal[tuple(ConfirmationStep.values)]  # type: ignore[valid-type]


class ConfirmationOut(Schema):
    """One side's pending or recorded confirmation of "agree" or "sign"."""

    public_id: UUID
    step: ConfirmationStepCode
    side: Role
    organization: OrgOut
    terms_version: int
    confirmed_at: datetime.datetime
    contract: str | None  # URL of the side's signed contract (PDF), if uploaded


class DealOut(Schema):
    public_id: UUID
    inquiry: UUID
    quotation: UUID
    role: Role | None
    status: DealStatusCode
    status_label: str
    buyer: OrgOut
    seller: OrgOut
    committee: str | None
    current_terms: TermsOut | None
    agreed_terms: TermsOut | None
    pending_terms: int | None  # version of the proposal waiting for an answer
    agreed_at: datetime.datetime | None
    status_changed_at: datetime.datetime | None
    cancel_reason: str
    allowed_actions: list[ActionOut]
    confirmations: list[ConfirmationOut]  # not withdrawn: pending ones and those that moved the deal
    documents: list[DocumentTypeCode]  # available once agreed
    created_at: datetime.datetime


class AcceptIn(JsonObject):
    """``close_others``: award the request to this seller and close its other inquiries."""

    close_others: bool = False


class TransitionIn(JsonObject):
    action: Action
    expected_status: DealStatusCode | None = Field(
        None, description="The status the caller saw: if the deal moved meanwhile, 409 and no change."
    )
    reason: str = Field(
        "",
        description="Required to cancel.",
        json_schema_extra={"maxLength": MAX_REASON_LENGTH, "pattern": NO_NUL},
    )

    model_config = {
        "json_schema_extra": {
            "if": {"properties": {"action": {"const": "cancel"}}, "required": ["action"]},
            "then": {"properties": {"reason": REASON}, "required": ["reason"]},
        }
    }


class TermsIn(TradeTermsIn):
    """The fields of ``TermSheetForm``."""

    goods: str = Field(min_length=1, max_length=200)
    hs_code: str = Field(pattern=r"^[0-9]{4}\.?[0-9]{2}$", description="HS subheading (6 digits).")
    delivery_from: datetime.date
    delivery_until: datetime.date
    inspection: str | None = None
    documents_required: str | None = None
    note: str | None = None


class EventOut(Schema):
    kind: EventKind
    kind_label: str
    at: datetime.datetime
    actor: str | None
    actor_org: OrgOut | None
    action: str
    from_status: DealStatusCode | Literal[""]  # type: ignore[valid-type]
    from_label: str
    to_status: DealStatusCode | Literal[""]  # type: ignore[valid-type]
    to_label: str
    reason: str
    terms_version: int | None
