"""Deals API under /api/v1/: accepting a quotation opens a deal; the deal moves through the one
transition table of :mod:`scotemp.deals.actions_deals`; its terms change by versions that the other
side accepts or rejects; its timeline and documents (PDF) are read here.

Same rules as :mod:`scotemp.deals.api_inquiries`: 404 for anyone who is not a party (operators only
once asked in), 403 for the wrong side, 422 for field errors, 409 for a transition the state refuses
or that lost a race (the message says why)."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from scotemp.core.api.errors import ErrorOut

from . import actions, actions_deals, queries
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
from .api_inquiries import ReasonIn, visible_quotation
from .choices import DealEventKind, DealStatus, DocumentType, TermsStatus
from .forms import TermSheetForm, values_of
from .models import Deal, TermSheet

router = Router(tags=["deals"])


# --- schemas ----------------------------------------------------------------------------------------


class TermsOut(Schema):
    version: int
    status: str
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
    action: str
    label: str


class DealOut(Schema):
    public_id: UUID
    inquiry: UUID
    quotation: UUID
    role: str | None
    status: str
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
    documents: list[str]  # document types available (once agreed)
    created_at: datetime.datetime


class DealListOut(Schema):
    total: int
    limit: int
    offset: int
    results: list[DealOut]


class AcceptIn(Schema):
    """``close_others``: award the request to this seller and close its other inquiries."""

    close_others: bool = False


class TransitionIn(Schema):
    action: str
    expected_status: str | None = None
    reason: str = ""


class TermsIn(TradeTermsIn):
    """The fields of ``TermSheetForm``."""

    goods: str | None = None
    hs_code: str | None = None
    delivery_from: datetime.date | None = None
    delivery_until: datetime.date | None = None
    inspection: str | None = None
    documents_required: str | None = None
    note: str | None = None


class EventOut(Schema):
    kind: str
    kind_label: str
    at: datetime.datetime
    actor: str | None
    actor_org: OrgOut | None
    action: str
    from_status: str
    from_label: str
    to_status: str
    to_label: str
    reason: str
    terms_version: int | None


# --- serializers ------------------------------------------------------------------------------------


def _label(choices, value) -> str:
    return str(choices(value).label) if value else ""


def terms_out(terms: TermSheet | None) -> dict | None:
    if terms is None:
        return None
    return {
        "version": terms.version,
        "status": terms.status,
        "status_label": _label(TermsStatus, terms.status),
        "proposed_by": org_out(terms.proposed_by_org),
        "goods": terms.goods,
        "hs_code": terms.hs_code_id,
        "quantity": dec(terms.quantity),
        "unit": terms.unit_id,
        "unit_price": dec(terms.unit_price),
        "currency": terms.currency_id,
        "total": dec(terms.total),
        "incoterm": terms.incoterm_id,
        "incoterm_place": terms.incoterm_place_id,
        "payment_terms": terms.payment_terms,
        "delivery_from": terms.delivery_from,
        "delivery_until": terms.delivery_until,
        "inspection": terms.inspection,
        "documents_required": terms.documents_required,
        "note": terms.note,
        "created_at": terms.created_at,
        "decided_at": terms.decided_at,
    }


def deal_out(deal: Deal, user, org_ids: set[int] | None = None) -> dict:
    """The API view of a deal for ``user``, with the transitions their side may take now."""
    role = actions.side_of(user, deal, org_ids)
    if hasattr(deal, "proposals"):  # prefetched by the list
        pending = deal.proposals[0] if deal.proposals else None
    else:
        pending = queries.pending_terms(deal)
    return {
        "public_id": deal.public_id,
        "inquiry": deal.inquiry.public_id,
        "quotation": deal.quotation.public_id,
        "role": role,
        "status": deal.status,
        "status_label": _label(DealStatus, deal.status),
        "buyer": org_out(deal.buyer),
        "seller": org_out(deal.seller),
        "committee": deal.committee.slug if deal.committee_id else None,
        "current_terms": terms_out(deal.current_terms),
        "agreed_terms": terms_out(deal.agreed_terms),
        "pending_terms": pending.version if pending else None,
        "agreed_at": deal.agreed_at,
        "status_changed_at": deal.status_changed_at,
        "cancel_reason": deal.cancel_reason,
        "allowed_actions": [
            {"action": a, "label": str(actions_deals.ACTION_LABELS[a])}
            for a in actions_deals.allowed_actions(deal, role)
        ],
        "documents": list(DocumentType.values) if deal.agreed_terms_id else [],
        "created_at": deal.created_at,
    }


def _deal(request, public_id) -> Deal:
    return queries.deal_for_viewer(request.user, public_id)


def _fresh(request, deal) -> dict:
    return deal_out(_deal(request, deal.public_id), request.user)


# --- endpoints --------------------------------------------------------------------------------------


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
    return Status(201, _fresh(request, deal))


@router.get("/deals", response={200: DealListOut, **ERRORS}, summary="Deals I take part in")
def list_deals(request, status: str = "", limit: int = 20, offset: int = 0):
    qs = queries.deals_for(request.user, status or None).select_related(
        "quotation",
        "committee",
        "current_terms__proposed_by_org",
        "agreed_terms__proposed_by_org",
    )
    qs = qs.prefetch_related(
        Prefetch(
            "term_sheets", queryset=TermSheet.objects.filter(status=TermsStatus.PROPOSED), to_attr="proposals"
        )
    )
    total, rows, limit, offset = page(qs, limit, offset)
    org_ids = actions.member_org_ids(request.user)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "results": [deal_out(d, request.user, org_ids) for d in rows],
    }


@router.get("/deals/{public_id}", response={200: DealOut, **ERRORS}, summary="One deal")
def get_deal(request, public_id: UUID):
    return deal_out(_deal(request, public_id), request.user)


@router.post(
    "/deals/{public_id}/transitions",
    response={200: DealOut, **ERRORS},
    summary="Move the deal: agree, sign, start_fulfilment, complete or cancel (reason required)",
)
def transition(request, public_id: UUID, payload: TransitionIn):
    deal = _deal(request, public_id)
    result, error = run(
        actions_deals.transition_deal,
        request.user,
        deal,
        payload.action,
        reason=payload.reason,
        expected_status=payload.expected_status or None,
    )
    return error or _fresh(request, result)


@router.get(
    "/deals/{public_id}/events", response={200: list[EventOut], **ERRORS}, summary="The deal's timeline"
)
def events(request, public_id: UUID):
    deal = _deal(request, public_id)
    return [
        {
            "kind": e.kind,
            "kind_label": _label(DealEventKind, e.kind),
            "at": e.at,
            "actor": e.actor.display_name if e.actor_id else None,
            "actor_org": org_out(e.actor_org) if e.actor_org_id else None,
            "action": e.action,
            "from_status": e.from_status,
            "from_label": _label(DealStatus, e.from_status),
            "to_status": e.to_status,
            "to_label": _label(DealStatus, e.to_status),
            "reason": e.reason,
            "terms_version": e.terms_version,
        }
        for e in queries.timeline_of(deal)
    ]


@router.get(
    "/deals/{public_id}/terms",
    response={200: list[TermsOut], **ERRORS},
    summary="Every version of the deal's terms, newest first",
)
def list_terms(request, public_id: UUID):
    return [terms_out(t) for t in queries.term_sheets_of(_deal(request, public_id))]


@router.post(
    "/deals/{public_id}/terms",
    response={201: TermsOut, **ERRORS},
    summary="Propose a new version of the terms (while negotiating)",
)
def propose_terms(request, public_id: UUID, payload: TermsIn):
    deal = _deal(request, public_id)
    if actions.side_of(request.user, deal) is None:  # 403 for a non-party before validating the body
        raise PermissionDenied(_("Only members of the two organizations can change this deal."))
    form = TermSheetForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    terms, error = run(actions_deals.propose_terms, request.user, deal, values_of(form))
    if error:
        return error
    return Status(201, terms_out(queries.term_sheets_of(deal).get(pk=terms.pk)))


def _decide(request, public_id: UUID, version: int, accept: bool, reason: str = ""):
    deal = _deal(request, public_id)
    terms = get_object_or_404(TermSheet, deal=deal, version=version)
    result, error = run(actions_deals.decide_terms, request.user, terms, accept, reason)
    return error or terms_out(queries.term_sheets_of(deal).get(pk=result.pk))


@router.post(
    "/deals/{public_id}/terms/{version}/accept",
    response={200: TermsOut, **ERRORS},
    summary="Accept the other side's proposal: it becomes the current terms",
)
def accept_terms(request, public_id: UUID, version: int):
    return _decide(request, public_id, version, True)


@router.post(
    "/deals/{public_id}/terms/{version}/reject",
    response={200: TermsOut, **ERRORS},
    summary="Reject the other side's proposal (reason required)",
)
def reject_terms(request, public_id: UUID, version: int, payload: ReasonIn):
    return _decide(request, public_id, version, False, payload.reason)


@router.get(
    "/deals/{public_id}/documents/{doc_type}",
    response={200: None, **ERRORS, 503: ErrorOut},
    summary="A document of the agreed deal as PDF: proforma or contract (language zh-hans, ru or en)",
)
def document(request, public_id: UUID, doc_type: str, language: str = ""):
    from django.conf import settings

    from . import documents

    deal = _deal(request, public_id)
    if doc_type not in DocumentType.values:
        message = _("Unknown document “%(type)s”.") % {"type": doc_type}
        return Status(422, {"detail": message, "errors": {"doc_type": [message]}})
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        message = _("Documents are available in Chinese (zh-hans), Russian (ru) and English (en).")
        return Status(422, {"detail": message, "errors": {"language": [message]}})
    if deal.agreed_terms_id is None:
        return Status(409, {"detail": _("Documents exist once both sides agreed on the terms.")})
    try:
        pdf = documents.render_document(deal, doc_type, language)
    except documents.DocumentsUnavailable as exc:
        return Status(503, {"detail": str(exc)})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.document_number(deal, doc_type)}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
