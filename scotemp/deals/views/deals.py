"""The deal page and its POST endpoints: status transitions, term sheet proposals and answers, and the
PDF documents once terms are agreed.

Rows come from :mod:`scotemp.deals.queries` (404 for third parties). A transition carries the status
the user saw (``expected_status``): if the deal moved meanwhile the action refuses, and the page shows
its message instead of changing anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors
from scotemp.core.formatting import format_date, format_money, format_quantity, unit_label
from scotemp.verification.responses import document_response

from .. import actions, queries
from ..choices import DealStatus, DocumentType, TermsStatus
from ..forms import ReasonForm, TermSheetForm, values_of
from .common import flash, is_conflict, iso_date, plain_decimal, submit

STEPS = (
    DealStatus.NEGOTIATING,
    DealStatus.AGREED,
    DealStatus.CONTRACT_SIGNED,
    DealStatus.IN_FULFILMENT,
    DealStatus.COMPLETED,
)
MAX_VERSION = 32767  # term sheet versions are small integers; a larger number in the URL finds none
DOCUMENT_LANGUAGES = (("zh-hans", "中文"), ("ru", "Русский"), ("en", "English"))

# Rows of a term sheet as shown, each with the model fields that make it up (to mark what changed).
TERM_ROWS = (
    ("goods", ("goods",)),
    ("hs_code", ("hs_code",)),
    ("quantity", ("quantity", "unit")),
    ("unit_price", ("unit_price", "currency")),
    ("total", ("unit_price", "currency", "quantity")),
    ("incoterm", ("incoterm", "incoterm_place")),
    ("payment_terms", ("payment_terms",)),
    ("delivery", ("delivery_from", "delivery_until")),
    ("inspection", ("inspection",)),
    ("documents_required", ("documents_required",)),
    ("note", ("note",)),
)

# Rows the parties wrote themselves, in their own words (marked with their language on the page).
AUTHORED_ROWS = {"goods", "payment_terms", "inspection", "documents_required", "note"}


def _term_labels() -> dict:
    return {
        "goods": _("Goods"),
        "hs_code": _("HS code"),
        "quantity": _("Quantity"),
        "unit_price": _("Unit price"),
        "total": _("Total"),
        "incoterm": _("Incoterm"),
        "payment_terms": _("Payment terms"),
        "delivery": _("Delivery window"),
        "inspection": _("Inspection"),
        "documents_required": _("Documents required"),
        "note": _("Note"),
    }


def _term_value(terms, key: str) -> str:
    unit = unit_label(terms.unit_id, fallback_name=terms.unit.name)
    values = {
        "goods": terms.goods,
        "hs_code": f"{terms.hs_code_id} {terms.hs_code.description}",
        "quantity": format_quantity(terms.quantity, terms.unit_id, fallback_name=terms.unit.name),
        "unit_price": f"{format_money(terms.unit_price, terms.currency_id)} / {unit}",
        "total": format_money(terms.total, terms.currency_id),
        "incoterm": f"{terms.incoterm_id} {terms.incoterm_place.name} ({terms.incoterm_place_id})",
        "payment_terms": terms.payment_terms,
        "delivery": f"{format_date(terms.delivery_from)} – {format_date(terms.delivery_until)}",
        "inspection": terms.inspection,
        "documents_required": terms.documents_required,
        "note": terms.note,
    }
    return values[key]


def term_rows(terms, compare_to=None) -> list[dict]:
    """A term sheet as (label, value, changed) rows in the active language; ``changed`` marks rows that
    differ from ``compare_to`` (the current terms, when showing a proposal). Empty optional rows are left
    out unless they changed."""
    labels = _term_labels()
    rows = []
    for key, fields in TERM_ROWS:
        changed = compare_to is not None and any(getattr(terms, f) != getattr(compare_to, f) for f in fields)
        value = _term_value(terms, key)
        if value or changed:
            rows.append(
                {
                    "key": key,
                    "label": labels[key],
                    "value": value,
                    "changed": changed,
                    "authored": key in AUTHORED_ROWS,
                }
            )
    return rows


def _terms_initial(terms) -> dict:
    return {
        "goods": terms.goods,
        "hs_code": terms.hs_code_id,
        "quantity": plain_decimal(terms.quantity),
        "unit": terms.unit_id,
        "unit_price": plain_decimal(terms.unit_price),
        "currency": terms.currency_id,
        "incoterm": terms.incoterm_id,
        "incoterm_place": terms.incoterm_place_id,
        "payment_terms": terms.payment_terms,
        "delivery_from": iso_date(terms.delivery_from),
        "delivery_until": iso_date(terms.delivery_until),
        "inspection": terms.inspection,
        "documents_required": terms.documents_required,
        "note": terms.note,
    }


def _steps(deal, timeline) -> list[dict]:
    """The five states with ``done``/``current``/``todo``; a cancelled deal shows where it stopped."""
    if deal.status == DealStatus.CANCELLED:
        stopped = next((e.from_status for e in reversed(timeline) if e.to_status == DealStatus.CANCELLED), "")
        reached = STEPS.index(stopped) if stopped in STEPS else 0
        now = "stopped"
    else:
        reached = STEPS.index(deal.status)
        now = "current"
    return [
        {
            "value": step,
            "label": step.label,
            "state": "done" if i < reached else now if i == reached else "todo",
        }
        for i, step in enumerate(STEPS)
    ]


def _deal_page(request, deal, status=200, terms_form=None, reason_forms=None):
    user = request.user
    side = actions.side_of(user, deal)
    my_org_id = deal.buyer_id if side == "buyer" else deal.seller_id if side == "seller" else None
    current = deal.current_terms
    pending = queries.pending_terms(deal)
    negotiating = deal.status == DealStatus.NEGOTIATING
    reason_forms = reason_forms or {}
    confirmations = queries.confirmations_of(deal)
    transitions = [
        {
            **state,
            "form": (reason_forms.get(state["action"]) or ReasonForm(prefix="cancel"))
            if state["action"] == "cancel"
            else None,
            "contract_error": reason_forms.get("contract") if state["action"] == "sign" else None,
        }
        for state in actions.action_states(deal, side, pending, confirmations)
    ]
    timeline = list(queries.timeline_of(deal))
    context = {
        "deal": deal,
        "side": side,
        "steps": _steps(deal, timeline),
        "current": current,
        "current_rows": term_rows(current) if current else [],
        "pending": pending,
        "pending_rows": term_rows(pending, current) if pending else [],
        "can_decide": pending is not None
        and my_org_id is not None
        and pending.proposed_by_org_id != my_org_id,
        "reject_form": reason_forms.get("reject") or ReasonForm(prefix="reject"),
        "can_propose": negotiating
        and my_org_id is not None
        and (pending is None or pending.proposed_by_org_id == my_org_id),
        "terms_form": terms_form or (TermSheetForm(initial=_terms_initial(current)) if current else None),
        "transitions": transitions,
        "confirmations": confirmations,
        "timeline": timeline,
        "versions": list(queries.term_sheets_of(deal)),
        "documents": [(value, label) for value, label in DocumentType.choices]
        if deal.agreed_terms_id
        else [],
        "document_languages": DOCUMENT_LANGUAGES,
    }
    return render(request, "deals/deal_detail.html", context, status=status)


@login_required
def deal_detail(request, public_id):
    """The deal for its two parties (and an operator asked in): status, terms, proposals, timeline."""
    return _deal_page(request, queries.deal_for_viewer(request.user, public_id))


def _reason_errors(request, prefix: str, exc: ValidationError) -> ReasonForm:
    """The posted reason form carrying the action's error (its wording, not a generic "required")."""
    form = ReasonForm(request.POST, prefix=prefix)
    form.is_valid()
    form.errors.pop("reason", None)
    add_errors(form, exc)
    return form


def _back(deal):
    return redirect("deals:deal", public_id=deal.public_id)


@login_required
@require_POST
def transition(request, public_id):
    deal = queries.deal_for_viewer(request.user, public_id)
    action = request.POST.get("action", "")
    if action not in actions.TRANSITIONS:
        raise Http404
    reason = request.POST.get(f"{action}-reason", "")
    before = deal.status
    try:
        result = actions.transition_deal(
            request.user,
            deal,
            action,
            reason=reason,
            expected_status=request.POST.get("expected_status") or None,
            contract=request.FILES.get("contract") if action == "sign" else None,
        )
    except ValidationError as exc:
        if is_conflict(exc) or not hasattr(exc, "error_dict"):
            flash(request, exc)
            return _back(deal)
        if "contract" in exc.error_dict:
            return _deal_page(
                request, deal, status=400, reason_forms={"contract": exc.message_dict["contract"]}
            )
        return _deal_page(
            request, deal, status=400, reason_forms={action: _reason_errors(request, action, exc)}
        )
    if result.status != before:
        messages.success(
            request, _("Done: the deal is now “%(status)s”.") % {"status": DealStatus(result.status).label}
        )
    elif action == "agree":
        messages.success(
            request,
            _(
                "You confirmed the terms (version %(version)d). "
                "The deal is agreed once the other side confirms too."
            )
            % {"version": result.current_terms.version},
        )
    else:
        messages.success(
            request,
            _("You confirmed the signed contract. The deal moves on once the other side confirms too."),
        )
    return _back(deal)


@login_required
def contract(request, public_id):
    """A side's signed contract, for the deal's two parties (and an operator asked in), as a file."""
    confirmation = queries.confirmation_for_viewer(request.user, public_id)
    if not confirmation.file:
        raise Http404
    return document_response(confirmation)


@login_required
@require_POST
def propose_terms(request, public_id):
    deal = queries.deal_for_viewer(request.user, public_id)
    return submit(
        request,
        TermSheetForm(request.POST),
        lambda form: actions.propose_terms(request.user, deal, values_of(form)),
        back=_back(deal),
        success=lambda terms: (
            _("Terms version %(version)d proposed: the other side accepts or rejects it.")
            % {"version": terms.version}
        ),
        rerender=lambda form: _deal_page(request, deal, status=400, terms_form=form),
    )


@login_required
@require_POST
def decide_terms(request, public_id, version):
    deal = queries.deal_for_viewer(request.user, public_id)
    terms = queries.term_sheets_of(deal).filter(version=version).first() if version <= MAX_VERSION else None
    if terms is None:
        raise Http404
    accept = request.POST.get("decision") == "accept"
    try:
        actions.decide_terms(request.user, terms, accept, request.POST.get("reject-reason", ""))
    except ValidationError as exc:
        if is_conflict(exc) or not hasattr(exc, "error_dict"):
            flash(request, exc)
            return _back(deal)
        return _deal_page(
            request, deal, status=400, reason_forms={"reject": _reason_errors(request, "reject", exc)}
        )
    if terms.status == TermsStatus.ACCEPTED:
        messages.success(request, _("Terms version %(version)d accepted.") % {"version": terms.version})
    else:
        messages.success(request, _("Terms version %(version)d rejected.") % {"version": terms.version})
    return _back(deal)


@login_required
def document(request, public_id, doc_type, language):
    """The proforma invoice or contract summary as a PDF attachment, once terms are agreed."""
    if doc_type not in DocumentType.values or language not in dict(DOCUMENT_LANGUAGES):
        raise Http404
    deal = queries.deal_for_viewer(request.user, public_id)
    if not deal.agreed_terms_id:
        raise Http404
    # Imported here: the PDF library and fonts load only when a document is asked for.
    from ..documents import DocumentsUnavailable, render_document

    try:
        data = render_document(deal, doc_type, language)
    except DocumentsUnavailable:
        return render(request, "deals/documents_unavailable.html", {"deal": deal}, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"{doc_type}-{str(deal.public_id)[:8]}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
