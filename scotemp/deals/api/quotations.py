"""Quotations under /api/v1: every version of an inquiry's quotation, the seller quoting or revising,
the buyer accepting one (a deal opens), and the comparison of an RFQ's quotations in one currency."""

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Router, Status

from scotemp.core.api import ERRORS, form_data, invalid, run
from scotemp.reference.validators import validate_currency

from .. import actions, queries
from ..choices import QuotationStatus
from ..forms import QuotationForm, values_of
from ..models import Inquiry, Quotation
from .deals import fresh_deal
from .schemas import AcceptIn, ComparisonOut, DealOut, QuotationIn, QuotationOut, dec, org_out

router = Router(tags=["deals"])


def quotation_out(quotation: Quotation, inquiry: Inquiry) -> dict:
    return {
        "public_id": quotation.public_id,
        "inquiry": inquiry.public_id,
        "version": quotation.version,
        "goods": quotation.goods,
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


def visible_quotation(user, public_id) -> Quotation:
    """A quotation whose inquiry ``user`` may read (quotations follow their thread's visibility)."""
    quotation = queries.quotation_for_viewer(user, public_id)
    queries.inquiry_for_viewer(user, quotation.inquiry.public_id)
    return quotation


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


@router.post(
    "/quotations/{public_id}/accept",
    response={201: DealOut, **ERRORS},
    summary="The buyer accepts the current version of a quotation: a deal opens",
)
def accept_quotation(request, public_id: UUID, payload: AcceptIn | None = None):
    quotation = visible_quotation(request.user, public_id)
    close_others = bool(payload and payload.close_others)
    deal, error = run(actions.accept_quotation, request.user, quotation, close_others=close_others)
    if error:
        return error
    return Status(201, fresh_deal(request, deal))


@router.get(
    "/rfqs/{public_id}/comparison",
    response={200: ComparisonOut, **ERRORS},
    summary="The RFQ's quotations side by side, converted into one currency (buyer only)",
)
def compare(request, public_id: UUID, currency: str = "USD", on_date: datetime.date | None = None):
    rfq = queries.rfq_for_buyer(request.user, public_id)
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
