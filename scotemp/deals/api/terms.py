"""A deal's term sheet versions under /api/v1/deals/{id}/terms: list them, propose a new version
(while negotiating), accept or reject the other side's proposal."""

from typing import Annotated
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Path, Router, Status

from scotemp.core.api import ERRORS, form_data, invalid, run

from .. import actions, queries
from ..choices import TermsStatus
from ..forms import TermSheetForm, values_of
from ..models import TermSheet
from .schemas import ReasonIn, TermsIn, TermsOut, dec, org_out

router = Router(tags=["deals"])
Version = Annotated[int, Path(ge=1, le=32767, description="The term sheet version, from 1.")]


def terms_out(terms: TermSheet | None) -> dict | None:
    if terms is None:
        return None
    return {
        "version": terms.version,
        "status": terms.status,
        "status_label": str(TermsStatus(terms.status).label),
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


@router.get(
    "/deals/{public_id}/terms",
    response={200: list[TermsOut], **ERRORS},
    summary="Every version of the deal's terms, newest first",
)
def list_terms(request, public_id: UUID):
    deal = queries.deal_for_viewer(request.user, public_id)
    return [terms_out(t) for t in queries.term_sheets_of(deal)]


@router.post(
    "/deals/{public_id}/terms",
    response={201: TermsOut, **ERRORS},
    summary="Propose a new version of the terms (while negotiating)",
)
def propose_terms(request, public_id: UUID, payload: TermsIn):
    deal = queries.deal_for_viewer(request.user, public_id)
    actions.require_side(request.user, deal)  # 403 for a non-party before validating the body
    form = TermSheetForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    terms, error = run(actions.propose_terms, request.user, deal, values_of(form))
    if error:
        return error
    return Status(201, terms_out(queries.term_sheets_of(deal).get(pk=terms.pk)))


def _decide(request, public_id: UUID, version: int, accept: bool, reason: str = ""):
    deal = queries.deal_for_viewer(request.user, public_id)
    terms = get_object_or_404(TermSheet, deal=deal, version=version)
    result, error = run(actions.decide_terms, request.user, terms, accept, reason)
    return error or terms_out(queries.term_sheets_of(deal).get(pk=result.pk))


@router.post(
    "/deals/{public_id}/terms/{version}/accept",
    response={200: TermsOut, **ERRORS},
    summary="Accept the other side's proposal: it becomes the current terms",
)
def accept_terms(request, public_id: UUID, version: Version):
    return _decide(request, public_id, version, True)


@router.post(
    "/deals/{public_id}/terms/{version}/reject",
    response={200: TermsOut, **ERRORS},
    summary="Reject the other side's proposal (reason required)",
)
def reject_terms(request, public_id: UUID, version: Version, payload: ReasonIn):
    return _decide(request, public_id, version, False, payload.reason)
