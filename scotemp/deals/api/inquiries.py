"""Requests and inquiries under /api/v1/inquiries: list (paged), send a request to 1–20 sellers, read
one, and the steps on it (decline, close, mark read, ask the operator in)."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, Page, PageParams, form_data, invalid, paginate, run
from scotemp.core.permissions import member_org_ids
from scotemp.trade.models import Lead

from .. import actions, queries
from ..choices import InquiryStatus
from ..forms import RfqForm, values_of
from ..models import Inquiry
from .schemas import InquiryOut, InquiryStatusCode, ReasonIn, RfqIn, RfqOut, Role, dec, org_out

router = Router(tags=["deals"])


def inquiry_out(inquiry: Inquiry, user, org_ids: frozenset[int] | None = None) -> dict:
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


def reloaded(request, inquiry: Inquiry) -> dict:
    """The inquiry as ``request.user`` sees it now, with its unread count."""
    fresh = queries.inquiries_for(request.user).filter(pk=inquiry.pk).first()
    if fresh is None:
        fresh = queries.inquiry_for_viewer(request.user, inquiry.public_id)
    return inquiry_out(fresh, request.user)


@router.get(
    "/inquiries",
    response={200: Page[InquiryOut], **ERRORS},
    summary="Inquiries I take part in, newest activity first",
)
def list_inquiries(
    request,
    params: Query[PageParams],
    role: Role | None = None,
    status: InquiryStatusCode | None = None,  # type: ignore[valid-type]
):
    qs = queries.inquiries_for(request.user, role=role, status=status)
    org_ids = member_org_ids(request.user)
    return paginate(
        request, qs, params, transform=lambda rows: [inquiry_out(i, request.user, org_ids) for i in rows]
    )


@router.post(
    "/inquiries",
    response={201: RfqOut, **ERRORS},
    summary="Send a request for quotation to 1–20 sellers (one inquiry each)",
)
def create_rfq(request, payload: RfqIn):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization to send requests."))
    form = RfqForm(form_data(payload.model_dump(exclude={"lead"})))
    if not form.is_valid():
        return invalid(form)
    lead = None
    if payload.lead is not None:
        lead = Lead.objects.visible_to(request.user).filter(public_id=payload.lead).first()
        if lead is None:
            message = _("This lead does not exist.")
            return Status(422, {"detail": message, "errors": {"lead": [message]}})
    rfq, error = run(
        actions.send_rfq, request.user, organization, values_of(form), form.cleaned_data["sellers"], lead
    )
    if error:
        return error
    inquiries = queries.inquiries_for(request.user).filter(rfq=rfq).order_by("pk")
    return Status(201, {"rfq": rfq.public_id, "inquiries": [inquiry_out(i, request.user) for i in inquiries]})


@router.get("/inquiries/{public_id}", response={200: InquiryOut, **ERRORS}, summary="One inquiry")
def get_inquiry(request, public_id: UUID):
    return reloaded(request, queries.inquiry_for_viewer(request.user, public_id))


@router.post(
    "/inquiries/{public_id}/decline",
    response={200: InquiryOut, **ERRORS},
    summary="The seller declines to quote (reason required)",
)
def decline_inquiry(request, public_id: UUID, payload: ReasonIn):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.decline_inquiry, request.user, inquiry, payload.reason)
    return error or reloaded(request, result)


@router.post(
    "/inquiries/{public_id}/close",
    response={200: InquiryOut, **ERRORS},
    summary="The buyer closes an inquiry without a deal",
)
def close_inquiry(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.close_inquiry, request.user, inquiry)
    return error or reloaded(request, result)


@router.post(
    "/inquiries/{public_id}/read",
    response={200: InquiryOut, **ERRORS},
    summary="Mark the thread read up to now",
)
def read_inquiry(request, public_id: UUID):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    actions.require_side(request.user, inquiry)  # operators asked in read, but keep no reading marks
    actions.mark_thread_read(request.user, inquiry)
    return reloaded(request, inquiry)


@router.post(
    "/inquiries/{public_id}/operator-access",
    response={200: InquiryOut, **ERRORS},
    summary="Ask the platform operator into the thread (reason required)",
)
def operator_access(request, public_id: UUID, payload: ReasonIn):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    result, error = run(actions.request_operator_access, request.user, inquiry, payload.reason)
    return error or reloaded(request, result)
