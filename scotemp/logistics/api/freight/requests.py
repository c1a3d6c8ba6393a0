"""Freight quote requests, inquiries, quotes and booking under /api/v1/logistics. Same rules as the
deals API: rows through ``visible_to``/``member_of`` (404 for outsiders; a provider never sees the
request, who else was asked, nor their quotes), 403 for the side whose turn it is not, 409 for a step
the state forbids, 422 naming the field; ``Idempotency-Key`` on every POST (core middleware)."""

from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, Page, PageParams, form_data, invalid, paginate, run
from scotemp.core.permissions import member_org_ids

from ...actions import freight as actions
from ...choices import FreightInquiryStatus, FreightQuoteStatus, FreightRequestStatus
from ...forms.freight import REQUEST_VALUES_EXCLUDE, FreightQuoteForm, FreightRequestForm
from ...queries import freight as freight_queries
from .schemas import (
    FreightInquiryOut,
    FreightReasonIn,
    FreightRequestDetailOut,
    FreightRequestIn,
    FreightRequestOut,
    QuoteIn,
    QuoteOut,
    dec,
    org_out,
)

router = Router(tags=["logistics: freight"])
COMPARE_CURRENCIES = ("CNY", "USD", "EUR", "RUB", "KZT")


def quote_out(quote) -> dict | None:
    if quote is None:
        return None
    return {
        "public_id": quote.public_id,
        "version": quote.version,
        "status": quote.status,
        "status_label": str(FreightQuoteStatus(quote.status).label),
        "price": dec(quote.price),
        "currency": quote.currency_id,
        "basis": quote.basis,
        "transit_days_min": quote.transit_days_min,
        "transit_days_max": quote.transit_days_max,
        "valid_until": quote.valid_until,
        "conditions": quote.conditions,
        "is_demo": quote.is_demo,
        "created_at": quote.created_at,
    }


def _current_quote(inquiry):
    """The current (or booked) version: prefetched by the lists (``live_quotes``), else one query."""
    if hasattr(inquiry, "live_quotes"):
        return inquiry.live_quotes[0] if inquiry.live_quotes else None
    return (
        inquiry.quotes.filter(status__in=["current", "booked"])
        .select_related("currency")
        .order_by("-version")
        .first()
    )


def inquiry_out(inquiry, user, org_ids=None) -> dict:
    req = inquiry.request
    role = actions.side_of(user, inquiry, org_ids)
    return {
        "public_id": inquiry.public_id,
        "request": req.public_id if role == actions.SHIPPER else None,
        "role": role,
        "status": inquiry.status,
        "status_label": str(FreightInquiryStatus(inquiry.status).label),
        "shipper": org_out(inquiry.shipper),
        "provider": org_out(inquiry.provider),
        "origin": req.origin_id,
        "destination": req.destination_id,
        "goods": req.goods,
        "hs_code": req.hs_code_id,
        "weight_kg": dec(req.weight_kg),
        "volume_m3": dec(req.volume_m3),
        "equipment": req.equipment,
        "units": req.units,
        "ready_date": req.ready_date,
        "incoterm": req.incoterm_id,
        "notes": req.notes,
        "decline_reason": inquiry.decline_reason,
        "unread": getattr(inquiry, "unread", 0) or 0,
        "current_quote": quote_out(_current_quote(inquiry)),
        "created_at": inquiry.created_at,
    }


def request_out(req, user) -> dict:
    inquiries = freight_queries.inquiries_for(user, role="shipper").filter(request=req).order_by("pk")
    org_ids = member_org_ids(user)
    return {
        "public_id": req.public_id,
        "status": req.status,
        "status_label": str(FreightRequestStatus(req.status).label),
        "origin": req.origin_id,
        "destination": req.destination_id,
        "goods": req.goods,
        "hs_code": req.hs_code_id,
        "weight_kg": dec(req.weight_kg),
        "volume_m3": dec(req.volume_m3),
        "equipment": req.equipment,
        "units": req.units,
        "ready_date": req.ready_date,
        "incoterm": req.incoterm_id,
        "notes": req.notes,
        "deal": req.deal.public_id if req.deal_id else None,
        "inquiries": [inquiry_out(i, user, org_ids) for i in inquiries],
        "created_at": req.created_at,
    }


@router.get(
    "/freight-requests",
    response={200: Page[FreightRequestOut], **ERRORS},
    summary="My organizations' freight requests",
)
def list_requests(request, params: Query[PageParams], status: FreightRequestStatus | None = None):
    qs = freight_queries.requests_for(request.user, status=status)
    return paginate(request, qs, params, transform=lambda rows: [request_out(r, request.user) for r in rows])


@router.post(
    "/freight-requests",
    response={201: FreightRequestOut, **ERRORS},
    summary="Send a freight quote request to chosen providers or to every provider serving the lane",
)
def create_request(request, payload: FreightRequestIn):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization to send requests."))
    data = payload.model_dump(exclude={"providers", "deal"})
    data["providers"] = ",".join(str(p) for p in payload.providers)
    form = FreightRequestForm(form_data(data))
    if not form.is_valid():
        return invalid(form)
    values = {k: v for k, v in form.cleaned_data.items() if k not in REQUEST_VALUES_EXCLUDE}
    if payload.deal is not None:
        from scotemp.deals.models import Deal

        deal = Deal.objects.member_of(request.user).filter(public_id=payload.deal).first()
        if deal is None:
            message = _("This deal does not exist.")
            return Status(422, {"detail": message, "errors": {"deal": [message]}})
        values["deal"] = deal
    sent, error = run(
        actions.send_freight_request,
        request.user,
        organization,
        values,
        form.cleaned_data["providers"],
        to_lane=form.cleaned_data["to_lane"],
    )
    return error or Status(201, request_out(sent, request.user))


@router.get(
    "/freight-requests/{public_id}",
    response={200: FreightRequestDetailOut, **ERRORS},
    summary="One request (shipper only) with its quotes compared in one currency",
)
def get_request(request, public_id: UUID, currency: str = Query("CNY", pattern=r"^(CNY|USD|EUR|RUB|KZT)$")):
    req = freight_queries.request_for_shipper(request.user, public_id)
    comparison = freight_queries.comparison_of(req, currency)
    rows = [
        {
            "inquiry": row.inquiry.public_id,
            "provider": org_out(row.inquiry.provider),
            "quote": quote_out(row.quote),
            "total_quoted": dec(row.total_quoted),
            "total": dec(row.total),
            "rate": dec(row.conversion.rate) if row.conversion else None,
            "rate_date": row.conversion.rate_date if row.conversion else None,
            "rate_is_demo": bool(row.conversion and row.conversion.is_demo),
            "expired": row.expired,
        }
        for row in comparison.rows
    ]
    return {
        **request_out(req, request.user),
        "currency": currency,
        "comparison": rows,
        "uses_demo_rates": comparison.uses_demo_rates,
        "missing_rates": comparison.missing_rates,
    }


@router.post(
    "/freight-requests/{public_id}/cancel",
    response={200: FreightRequestOut, **ERRORS},
    summary="Cancel an open request",
)
def cancel_request(request, public_id: UUID):
    req = freight_queries.request_for_shipper(request.user, public_id)
    result, error = run(actions.cancel_freight_request, request.user, req)
    return error or request_out(result, request.user)


# --- inquiries ------------------------------------------------------------------------------------------


def _reloaded(request, inquiry):
    fresh = freight_queries.inquiries_for(request.user).filter(pk=inquiry.pk).first()
    return inquiry_out(
        fresh or freight_queries.inquiry_for_viewer(request.user, inquiry.public_id), request.user
    )


@router.get(
    "/freight-inquiries",
    response={200: Page[FreightInquiryOut], **ERRORS},
    summary="Freight inquiries I take part in",
)
def list_inquiries(
    request,
    params: Query[PageParams],
    role: Literal["shipper", "provider"] | None = None,
    status: FreightInquiryStatus | None = None,
):
    qs = freight_queries.inquiries_for(request.user, role=role, status=status)
    org_ids = member_org_ids(request.user)
    return paginate(
        request, qs, params, transform=lambda rows: [inquiry_out(i, request.user, org_ids) for i in rows]
    )


@router.get(
    "/freight-inquiries/{public_id}",
    response={200: FreightInquiryOut, **ERRORS},
    summary="One freight inquiry",
)
def get_inquiry(request, public_id: UUID):
    return _reloaded(request, freight_queries.inquiry_for_viewer(request.user, public_id))


@router.post(
    "/freight-inquiries/{public_id}/decline",
    response={200: FreightInquiryOut, **ERRORS},
    summary="The provider declines (reason required)",
)
def decline_inquiry(request, public_id: UUID, payload: FreightReasonIn):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.decline_freight_inquiry, request.user, inquiry, payload.reason)
    return error or _reloaded(request, result)


@router.post(
    "/freight-inquiries/{public_id}/read",
    response={200: FreightInquiryOut, **ERRORS},
    summary="Mark the thread read",
)
def read_inquiry(request, public_id: UUID):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    actions.mark_freight_thread_read(request.user, inquiry)
    return _reloaded(request, inquiry)


@router.get(
    "/freight-inquiries/{public_id}/quotes",
    response={200: list[QuoteOut], **ERRORS},
    summary="Every version of the quote, newest first",
)
def list_quotes(request, public_id: UUID):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    return [quote_out(q) for q in freight_queries.quotes_of(inquiry)]


@router.post(
    "/freight-inquiries/{public_id}/quotes",
    response={201: QuoteOut, **ERRORS},
    summary="The provider quotes or revises (a new version)",
)
def create_quote(request, public_id: UUID, payload: QuoteIn):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    actions.require_side(request.user, inquiry, actions.PROVIDER)  # 403 before 422 for the shipper
    form = FreightQuoteForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    quote, error = run(actions.send_freight_quote, request.user, inquiry, form.cleaned_data)
    return error or Status(201, quote_out(quote))


@router.post(
    "/freight-quotes/{public_id}/book",
    response={200: QuoteOut, **ERRORS},
    summary="The shipper books the current version of a quote",
)
def book_quote(request, public_id: UUID):
    quote = freight_queries.quote_for_viewer(request.user, public_id)
    _result, error = run(actions.book_freight_quote, request.user, quote)
    return error or quote_out(freight_queries.quote_for_viewer(request.user, public_id))
