"""Deals under /api/v1/deals: list (paged), one deal, its transitions through the one table of
:data:`scotemp.deals.actions.TRANSITIONS`, its timeline and its documents (PDF)."""

from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, ErrorOut, Page, PageParams, paginate, run
from scotemp.core.permissions import member_org_ids
from scotemp.verification.responses import document_response

from .. import actions, queries
from ..choices import DealEventKind, DealStatus, DocumentType, TermsStatus
from ..models import Deal, DealConfirmation, TermSheet
from .schemas import (
    DealOut,
    DealStatusCode,
    DocumentTypeCode,
    EventOut,
    Language,
    TransitionIn,
    org_out,
)
from .terms import terms_out

router = Router(tags=["deals"])


def _label(choices, value) -> str:
    return str(choices(value).label) if value else ""


def confirmation_out(confirmation) -> dict:
    contract = None
    if confirmation.file:
        contract = f"/api/v1/signed-contracts/{confirmation.public_id}"
    return {
        "public_id": confirmation.public_id,
        "step": confirmation.step,
        "side": confirmation.side,
        "organization": org_out(confirmation.organization),
        "terms_version": confirmation.terms.version,
        "confirmed_at": confirmation.created_at,
        "contract": contract,
    }


def deal_out(deal: Deal, user, org_ids: frozenset[int] | None = None) -> dict:
    """The API view of a deal for ``user``, with the transitions their side may take now."""
    role = actions.side_of(user, deal, org_ids)
    if hasattr(deal, "proposals"):  # prefetched by the list
        pending = deal.proposals[0] if deal.proposals else None
    else:
        pending = queries.pending_terms(deal)
    if hasattr(deal, "live_confirmations"):  # prefetched by the list
        confirmations = deal.live_confirmations
    else:
        confirmations = queries.confirmations_of(deal)
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
            {**state, "label": str(state["label"]), "reason": str(state["reason"])}
            for state in actions.action_states(deal, role, pending, confirmations)
        ],
        "confirmations": [confirmation_out(c) for c in confirmations],
        "documents": list(DocumentType.values) if deal.agreed_terms_id else [],
        "created_at": deal.created_at,
    }


def fresh_deal(request, deal: Deal) -> dict:
    """The deal as ``request.user`` sees it now."""
    return deal_out(queries.deal_for_viewer(request.user, deal.public_id), request.user)


@router.get("/deals", response={200: Page[DealOut], **ERRORS}, summary="Deals I take part in")
def list_deals(request, params: Query[PageParams], status: DealStatusCode | None = None):  # type: ignore[valid-type]
    qs = queries.deals_for(request.user, status).select_related(
        "quotation",
        "committee",
        "current_terms__proposed_by_org",
        "agreed_terms__proposed_by_org",
    )
    qs = qs.prefetch_related(
        Prefetch(
            "term_sheets", queryset=TermSheet.objects.filter(status=TermsStatus.PROPOSED), to_attr="proposals"
        ),
        Prefetch(
            "confirmations",
            queryset=DealConfirmation.objects.filter(withdrawn_at__isnull=True)
            .select_related("organization", "terms")
            .order_by("created_at", "id"),
            to_attr="live_confirmations",
        ),
    )
    org_ids = member_org_ids(request.user)
    return paginate(
        request, qs, params, transform=lambda rows: [deal_out(d, request.user, org_ids) for d in rows]
    )


@router.get("/deals/{public_id}", response={200: DealOut, **ERRORS}, summary="One deal")
def get_deal(request, public_id: UUID):
    return deal_out(queries.deal_for_viewer(request.user, public_id), request.user)


@router.post(
    "/deals/{public_id}/transitions",
    response={200: DealOut, **ERRORS},
    summary="Move the deal: agree, sign, start_fulfilment, complete or cancel (reason required)",
)
def transition(request, public_id: UUID, payload: TransitionIn):
    deal = queries.deal_for_viewer(request.user, public_id)
    result, error = run(
        actions.transition_deal,
        request.user,
        deal,
        payload.action,
        reason=payload.reason,
        expected_status=payload.expected_status or None,
    )
    return error or fresh_deal(request, result)


_CONTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "contract": {"type": "string", "format": "binary"},
                        "expected_status": {"type": "string", "enum": ["agreed"]},
                    },
                    "required": ["contract"],
                }
            }
        },
    }
}


@router.post(
    "/deals/{public_id}/signature",
    response={200: DealOut, **ERRORS},
    openapi_extra=_CONTRACT_BODY,
    summary="Confirm the contract is signed, with this side's signed contract (a PDF, 10 MB at most)",
)
def confirm_signature(request, public_id: UUID):
    deal = queries.deal_for_viewer(request.user, public_id)
    contract = request.FILES.get("contract") if request.content_type == "multipart/form-data" else None
    if contract is None:
        message = _("Attach the signed contract as the file part “contract”.")
        return Status(422, {"detail": message, "errors": {"contract": [message]}})
    result, error = run(
        actions.transition_deal,
        request.user,
        deal,
        "sign",
        expected_status=request.POST.get("expected_status") or None,
        contract=contract,
    )
    return error or fresh_deal(request, result)


@router.get(
    "/signed-contracts/{public_id}",
    response={200: None, **ERRORS},
    summary="Download a side's signed contract (PDF)",
)
def download_contract(request, public_id: UUID):
    return document_response(queries.confirmation_for_viewer(request.user, public_id))


@router.get(
    "/deals/{public_id}/events", response={200: list[EventOut], **ERRORS}, summary="The deal's timeline"
)
def events(request, public_id: UUID):
    deal = queries.deal_for_viewer(request.user, public_id)
    return [
        {
            "kind": e.kind,
            "kind_label": _label(DealEventKind, e.kind),
            "at": e.at,
            "actor": e.actor.display_name if e.actor else None,
            "actor_org": org_out(e.actor_org) if e.actor_org else None,
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
    "/deals/{public_id}/documents/{doc_type}",
    response={200: None, **ERRORS, 503: ErrorOut},
    summary="A document of the agreed deal as PDF: proforma or contract (language zh-hans, ru or en)",
)
def document(
    request,
    public_id: UUID,
    doc_type: DocumentTypeCode,  # type: ignore[valid-type]
    language: Language | None = None,  # type: ignore[valid-type]
):
    from .. import documents  # the PDF library and fonts load only when a document is asked for

    deal = queries.deal_for_viewer(request.user, public_id)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
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
