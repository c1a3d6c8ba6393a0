"""Inquiries API under /api/v1/: requests for quotation and the inquiry each seller receives,
quotations and their versions, the negotiation thread with attachments, and the buyer's comparison
of an RFQ's quotations in one currency.

Rules, the same as the pages: rows are read through :mod:`scotemp.deals.queries` (``visible_to``), so
anyone who is not a member of the buyer or the seller gets 404 (operators only once a party asked
them in); the side whose turn it is not gets 403. Bodies are validated by the forms of the pages:
422 with ``{"detail", "errors": {field: […]}}``; a step the current state does not allow is 409.
Money and quantities are strings (exact decimals), dates ISO 8601, statuses a code plus a label in
the caller's language. Errors follow :mod:`scotemp.core.api.errors`."""

import datetime
import json
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from . import actions, queries
from .api_common import (
    ERRORS,
    OrgOut,
    TradeTermsIn,
    dec,
    form_data,
    invalid,
    org_out,
    page,
    run,
)
from .choices import InquiryStatus, QuotationStatus
from .forms import QuotationForm, RfqForm, values_of
from .models import Inquiry, Quotation

router = Router(tags=["deals"])


# --- schemas ----------------------------------------------------------------------------------------


class InquiryOut(Schema):
    public_id: UUID
    rfq: UUID | None = None  # the buyer's request; only the buyer's side sees it
    role: str | None  # "buyer", "seller", or None for an operator asked in
    status: str
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


class InquiryListOut(Schema):
    total: int
    limit: int
    offset: int
    results: list[InquiryOut]


class RfqIn(Schema):
    """The fields of ``RfqForm``; everything is checked by the form (422 naming the field)."""

    sellers: list[str] = []
    lead: UUID | None = None
    goods: str | None = None
    hs_code: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    target_price: Decimal | None = None
    currency: str | None = None
    incoterm: str | None = None
    incoterm_place: str | None = None
    delivery_from: datetime.date | None = None
    delivery_until: datetime.date | None = None
    respond_by: datetime.date | None = None
    questions: str | None = None


class RfqOut(Schema):
    rfq: UUID
    inquiries: list[InquiryOut]


class ReasonIn(Schema):
    reason: str = ""


class QuotationIn(TradeTermsIn):
    """The fields of ``QuotationForm``."""

    min_order: Decimal | None = None
    lead_time_days: int | None = None
    valid_until: datetime.date | None = None
    note: str | None = None


class QuotationOut(Schema):
    public_id: UUID
    inquiry: UUID
    version: int
    status: str
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
    status: str
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


# --- serializers ------------------------------------------------------------------------------------


def inquiry_out(inquiry: Inquiry, user, org_ids: set[int] | None = None) -> dict:
    """The API view of an inquiry for ``user``; the RFQ id only for the buyer's side."""
    rfq = inquiry.rfq
    role = actions.side_of(user, inquiry, org_ids)
    deal = getattr(inquiry, "deal", None)
    return {
        "public_id": inquiry.public_id,
        "rfq": rfq.public_id if role == actions.BUYER else None,
        "role": role,
        "status": inquiry.status,
        "status_label": str(InquiryStatus(inquiry.status).label),
        "buyer": org_out(inquiry.buyer),
        "seller": org_out(inquiry.seller),
        "goods": rfq.goods,
        "hs_code": rfq.hs_code_id,
        "quantity": dec(rfq.quantity),
        "unit": rfq.unit_id,
        "target_price": dec(rfq.target_price),
        "currency": rfq.currency_id,
        "incoterm": rfq.incoterm_id,
        "incoterm_place": rfq.incoterm_place_id,
        "delivery_from": rfq.delivery_from,
        "delivery_until": rfq.delivery_until,
        "respond_by": rfq.respond_by,
        "questions": rfq.questions,
        "decline_reason": inquiry.decline_reason,
        "unread": getattr(inquiry, "unread", 0) or 0,
        "last_message_at": inquiry.last_message_at,
        "operator_asked_in": inquiry.operator_access_at is not None,
        "deal": deal.public_id if deal is not None else None,
        "created_at": inquiry.created_at,
    }


def quotation_out(quotation: Quotation, inquiry: Inquiry) -> dict:
    return {
        "public_id": quotation.public_id,
        "inquiry": inquiry.public_id,
        "version": quotation.version,
        "status": quotation.status,
        "status_label": str(QuotationStatus(quotation.status).label),
        "unit_price": dec(quotation.unit_price),
        "currency": quotation.currency_id,
        "quantity": dec(quotation.quantity),
        "unit": quotation.unit_id,
        "total": dec(quotation.total),
        "min_order": dec(quotation.min_order),
        "incoterm": quotation.incoterm_id,
        "incoterm_place": quotation.incoterm_place_id,
        "lead_time_days": quotation.lead_time_days,
        "payment_terms": quotation.payment_terms,
        "valid_until": quotation.valid_until,
        "note": quotation.note,
        "created_at": quotation.created_at,
    }


def message_out(message, user) -> dict:
    return {
        "public_id": message.public_id,
        "organization": org_out(message.organization),
        "author": message.author.display_name if message.author_id else None,
        "mine": message.author_id == user.pk,
        "body": message.body,
        "created_at": message.created_at,
        "attachments": [
            {
                "public_id": a.public_id,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": f"/api/v1/attachments/{a.public_id}",
            }
            for a in message.attachments.all()
        ],
    }


def _inquiry_with_unread(user, inquiry: Inquiry) -> Inquiry:
    return queries.inquiries_for(user).filter(pk=inquiry.pk).first() or inquiry


def visible_quotation(user, public_id) -> Quotation:
    """A quotation whose inquiry ``user`` may read (quotations follow their thread's visibility)."""
    quotation = queries.quotation_for_viewer(user, public_id)
    queries.inquiry_for_viewer(user, quotation.inquiry.public_id)
    return quotation


# --- inquiries --------------------------------------------------------------------------------------


@router.get("/inquiries", response={200: InquiryListOut, **ERRORS}, summary="Inquiries I take part in")
def list_inquiries(request, role: str = "", status: str = "", limit: int = 20, offset: int = 0):
    qs = queries.inquiries_for(request.user, role=role or None, status=status or None)
    total, rows, limit, offset = page(qs, limit, offset)
    org_ids = actions.member_org_ids(request.user)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "results": [inquiry_out(i, request.user, org_ids) for i in rows],
    }


@router.post(
    "/inquiries",
    response={201: RfqOut, **ERRORS},
    summary="Send a request for quotation to 1–20 sellers (one inquiry each)",
)
def create_rfq(request, payload: RfqIn):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization to send requests."))
    data = payload.model_dump(exclude={"lead"})
    form = RfqForm(form_data(data))
    if not form.is_valid():
        return invalid(form)
    lead = None
    if payload.lead is not None:
        from scotemp.trade.models import Lead

        lead = Lead.objects.visible_to(request.user).filter(public_id=payload.lead).first()
        if lead is None:
            return Status(
                422,
                {
                    "detail": _("This lead does not exist."),
                    "errors": {"lead": [_("This lead does not exist.")]},
                },
            )
    rfq, error = run(
        actions.send_rfq, request.user, organization, values_of(form), form.cleaned_data["sellers"], lead
    )
    if error:
        return error
    inquiries = queries.inquiries_for(request.user).filter(rfq=rfq).order_by("pk")
    return Status(201, {"rfq": rfq.public_id, "inquiries": [inquiry_out(i, request.user) for i in inquiries]})


@router.get("/inquiries/{public_id}", response={200: InquiryOut, **ERRORS}, summary="One inquiry")
def get_inquiry(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return inquiry_out(_inquiry_with_unread(request.user, inquiry), request.user)


def _reloaded(request, inquiry):
    fresh = queries.inquiry_for_viewer(request.user, inquiry.public_id)
    return inquiry_out(_inquiry_with_unread(request.user, fresh), request.user)


@router.post(
    "/inquiries/{public_id}/decline",
    response={200: InquiryOut, **ERRORS},
    summary="The seller declines to quote (reason required)",
)
def decline_inquiry(request, public_id: UUID, payload: ReasonIn):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.decline_inquiry, request.user, inquiry, payload.reason)
    return error or _reloaded(request, result)


@router.post(
    "/inquiries/{public_id}/close",
    response={200: InquiryOut, **ERRORS},
    summary="The buyer closes an inquiry without a deal",
)
def close_inquiry(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.close_inquiry, request.user, inquiry)
    return error or _reloaded(request, result)


@router.post(
    "/inquiries/{public_id}/read",
    response={200: InquiryOut, **ERRORS},
    summary="Mark the thread read up to now",
)
def read_inquiry(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    if actions.side_of(request.user, inquiry) is None:
        raise PermissionDenied(_("Only members of the two organizations take part in this negotiation."))
    actions.mark_thread_read(request.user, inquiry)
    return _reloaded(request, inquiry)


@router.post(
    "/inquiries/{public_id}/operator-access",
    response={200: InquiryOut, **ERRORS},
    summary="Ask the platform operator into the thread (reason required)",
)
def operator_access(request, public_id: UUID, payload: ReasonIn):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.request_operator_access, request.user, inquiry, payload.reason)
    return error or _reloaded(request, result)


# --- the thread -------------------------------------------------------------------------------------


@router.get(
    "/inquiries/{public_id}/messages",
    response={200: list[MessageOut], **ERRORS},
    summary="The thread, oldest first",
)
def list_messages(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return [message_out(m, request.user) for m in queries.thread_of(inquiry)]


_MESSAGE_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "body": {"type": "string"},
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            },
            "application/json": {"schema": {"type": "object", "properties": {"body": {"type": "string"}}}},
        }
    }
}


@router.post(
    "/inquiries/{public_id}/messages",
    response={201: MessageOut, **ERRORS},
    openapi_extra=_MESSAGE_BODY,
    summary="Post to the thread: multipart (body, files[] — PDF, JPEG, PNG, 10 MB each, 5 at most) or JSON",
)
def post_message(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    # Two body shapes on one endpoint: multipart for files, JSON for text only.
    if request.content_type == "multipart/form-data":
        body = request.POST.get("body", "")
        files = request.FILES.getlist("files") or request.FILES.getlist("files[]")
    else:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("body", ""), str):
            message = _("The request does not match the expected format.")
            return Status(422, {"detail": message, "errors": {"body": [message]}})
        body, files = data.get("body", ""), []
    message, error = run(actions.post_message, request.user, inquiry, body, files)
    if error:
        errors = error.value.get("errors") or {}
        if "file" in errors:  # the action names the page's field; here the files come as "files"
            errors["files"] = errors.pop("file")
        return error
    message = queries.thread_of(inquiry).get(pk=message.pk)
    return Status(201, message_out(message, request.user))


@router.get(
    "/attachments/{public_id}",
    response={200: None, **ERRORS},
    summary="Download an attachment of a thread (as a file)",
)
def download_attachment(request, public_id: UUID):
    from scotemp.verification.responses import document_response

    attachment = queries.attachment_for_viewer(request.user, public_id)
    return document_response(attachment)


# --- quotations -------------------------------------------------------------------------------------


@router.get(
    "/inquiries/{public_id}/quotations",
    response={200: list[QuotationOut], **ERRORS},
    summary="Every version of the inquiry's quotation, newest first",
)
def list_quotations(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return [quotation_out(q, inquiry) for q in queries.quotations_of(inquiry)]


@router.post(
    "/inquiries/{public_id}/quotations",
    response={201: QuotationOut, **ERRORS},
    summary="The seller quotes, or revises the quotation (a new version)",
)
def send_quotation(request, public_id: UUID, payload: QuotationIn):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    actions.require_side(request.user, inquiry, actions.SELLER)  # 403 before validating the body
    form = QuotationForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    quotation, error = run(actions.send_quotation, request.user, inquiry, values_of(form))
    if error:
        return error
    return Status(201, quotation_out(queries.quotations_of(inquiry).get(pk=quotation.pk), inquiry))


@router.get(
    "/quotations/{public_id}", response={200: QuotationOut, **ERRORS}, summary="One quotation version"
)
def get_quotation(request, public_id: UUID):
    quotation = visible_quotation(request.user, public_id)
    return quotation_out(quotation, quotation.inquiry)


# --- comparison -------------------------------------------------------------------------------------


@router.get(
    "/rfqs/{public_id}/comparison",
    response={200: ComparisonOut, **ERRORS},
    summary="The RFQ's quotations side by side, converted into one currency (buyer only)",
)
def compare(request, public_id: UUID, currency: str = "USD", on_date: datetime.date | None = None):
    from scotemp.reference.validators import validate_currency

    rfq = queries.rfq_for_viewer(request.user, public_id)
    # The comparison names every seller asked: for the buyer's members only, not operators either.
    if not rfq.buyer.memberships.filter(user=request.user).exists():
        raise Http404
    try:
        target = validate_currency(currency.strip().upper())
    except ValidationError as exc:
        return Status(422, {"detail": " ".join(exc.messages), "errors": {"currency": exc.messages}})
    result = queries.compare_quotations(rfq, target.code, on_date)
    rows = []
    for row in result.rows:
        q, conv = row.quotation, row.conversion
        rows.append(
            {
                "inquiry": row.inquiry.public_id,
                "seller": org_out(row.inquiry.seller),
                "quotation": q.public_id,
                "version": q.version,
                "status": q.status,
                "unit_price": dec(q.unit_price),
                "currency": q.currency_id,
                "quantity": dec(q.quantity),
                "unit": q.unit_id,
                "total": dec(q.total),
                "converted_unit_price": dec(row.unit_price),
                "converted_total": dec(row.total),
                "rate": dec(conv.rate) if conv else None,
                "rate_date": conv.rate_date if conv else None,
                "is_demo": bool(conv and conv.is_demo),
                "incoterm": q.incoterm_id,
                "incoterm_place": q.incoterm_place_id,
                "lead_time_days": q.lead_time_days,
                "valid_until": q.valid_until,
            }
        )
    return {
        "currency": result.currency,
        "on_date": result.on_date,
        "rows": rows,
        "waiting": [i.public_id for i in result.waiting],
        "uses_demo_rates": result.uses_demo_rates,
        "missing_rates": result.missing_rates,
    }
