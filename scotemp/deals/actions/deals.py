"""Writes of a deal: its state transitions (term sheet versions are in :mod:`.terms`).

The allowed transitions are :data:`TRANSITIONS`, the one table of the deal's life:

    negotiating → agreed → contract signed → in fulfilment → completed
    any open state → cancelled (a reason is required)

"agree" and "sign" need both sides (:data:`CONFIRMED_ACTIONS`): the first side's step records its
confirmation of the current term sheet version (a ``DealConfirmation`` row, a timeline entry
"X confirmed the terms (version N)", the other side told); the deal moves when the other side confirms
the same version. A side that already confirmed changes nothing by confirming again. A new proposal
withdraws pending "agree" confirmations (:func:`withdraw_confirmations`), and "agree" is refused while
a proposal waits for an answer. Confirming the signature may carry the side's signed contract (a PDF,
checked by its bytes like a verification document).

Guarantees:
- a transition runs in one transaction: the deal row is locked (``select_for_update``; on SQLite the
  ``BEGIN IMMEDIATE`` transaction serializes writers), its state re-read and checked against the table
  and against the state the caller saw (``expected_status``), then changed by a guarded
  ``UPDATE … WHERE status = <from>``; one audit row (``deal.status_changed``) records who, when,
  from, to and why, and the other side is told;
- a refused or raced transition raises ``ValidationError(code="conflict")`` (HTTP 409) and changes
  nothing; of concurrent requests that all expect the same state, exactly one succeeds;
- ``agree`` fixes the current term sheet as ``agreed_terms``; no term changes after that.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.core.effects import Notice, announce
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ..choices import (
    CONFIRMED_ACTIONS,
    MAX_REASON_LENGTH,
    OPEN_DEAL_STATUSES,
    ConfirmationStep,
    DealStatus,
    TermsStatus,
)
from ..labels import choice_label, org_label
from ..models import Deal, DealConfirmation, TermSheet
from .common import BUYER, SELLER, clean_text, conflict, org_id_of, other_org_id, side_of

S = DealStatus

# action → (states it may start from, state it leads to, sides that may take it)
TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    "agree": (frozenset({S.NEGOTIATING}), S.AGREED, frozenset({BUYER, SELLER})),
    "sign": (frozenset({S.AGREED}), S.CONTRACT_SIGNED, frozenset({BUYER, SELLER})),
    "start_fulfilment": (frozenset({S.CONTRACT_SIGNED}), S.IN_FULFILMENT, frozenset({SELLER})),
    "complete": (frozenset({S.IN_FULFILMENT}), S.COMPLETED, frozenset({BUYER})),
    "cancel": (OPEN_DEAL_STATUSES, S.CANCELLED, frozenset({BUYER, SELLER})),
}
ACTION_LABELS = {
    "agree": gettext_lazy("Agree on the current terms"),
    "sign": gettext_lazy("Confirm the contract is signed"),
    "start_fulfilment": gettext_lazy("Start fulfilment (goods shipped)"),
    "complete": gettext_lazy("Confirm completion (goods received)"),
    "cancel": gettext_lazy("Cancel the deal"),
}


def allowed_actions(deal: Deal, side: str | None) -> list[str]:
    """The transitions ``side`` may take now (for buttons)."""
    return [a for a, (sources, _to, sides) in TRANSITIONS.items() if deal.status in sources and side in sides]


def action_states(deal: Deal, side: str | None, pending_terms, confirmations) -> list[dict]:
    """The transitions ``side`` may take now, each with whether it can be taken at this moment and
    why not (for the page's buttons and the API): "agree" is disabled while a proposal waits; a side
    that confirmed "agree" or "sign" waits for the other side. ``confirmations``: the deal's
    confirmations not withdrawn (:func:`scotemp.deals.queries.confirmations_of`)."""
    states = []
    for action in allowed_actions(deal, side):
        state = {
            "action": action,
            "label": ACTION_LABELS[action],
            "enabled": True,
            "reason": "",
            "confirmed": False,
        }
        if action in CONFIRMED_ACTIONS:
            terms_id = deal.current_terms_id if action == ConfirmationStep.AGREE else deal.agreed_terms_id
            mine = [c for c in confirmations if c.step == action and c.terms_id == terms_id]
            if any(c.side == side for c in mine):
                state["confirmed"] = True
            elif mine:
                state["reason"] = _(
                    "The other side confirmed already: your confirmation completes this step."
                )
            if action == ConfirmationStep.AGREE and pending_terms is not None:
                state["enabled"], state["reason"] = False, pending_proposal_refusal()
            elif state["confirmed"]:
                state["enabled"] = action == ConfirmationStep.SIGN and not any(
                    c.side == side and c.file for c in mine
                )
                state["reason"] = _("Your side confirmed; waiting for the other side to confirm too.")
        states.append(state)
    return states


def deal_side(user, deal: Deal) -> str:
    """The side ``user`` acts for on ``deal``; ``PermissionDenied`` for anyone else."""
    side = side_of(user, deal)
    if side is None:
        raise PermissionDenied(_("Only members of the two organizations can change this deal."))
    return side


def reject_open_proposals(user, deal: Deal, organization_id: int, reason: str, at) -> None:
    """A cancelled deal answers the proposal still waiting: it is rejected (and recorded)."""
    for terms in TermSheet.objects.filter(deal=deal, status=TermsStatus.PROPOSED):
        terms.status = TermsStatus.REJECTED
        terms.decided_by = user
        terms.decided_at = at
        terms.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        announce(
            "terms.rejected",
            subject=terms,
            actor=user,
            organization=organization_id,
            from_status=TermsStatus.PROPOSED,
            to_status=TermsStatus.REJECTED,
            reason=reason,
            at=at,
            data={"terms_version": terms.version},
        )


def pending_proposal_refusal() -> str:
    """Why "agree" is not possible while a proposal waits (the page shows it by the disabled button)."""
    return _("New terms are waiting for an answer: accept or reject them before agreeing.")


def _checked_contract(contract):
    """The signed contract's upload check (a PDF only), before anything is written."""
    if contract is None:
        return None
    try:
        detected = check_upload(contract)
    except ValidationError as exc:
        raise ValidationError(
            {"contract": exc.message_dict.get("file", exc.messages)}, code="invalid"
        ) from None
    if detected.content_type != "application/pdf":
        raise ValidationError(
            {"contract": [_("Upload the signed contract as a PDF file.")]}, code="contract_not_pdf"
        )
    return detected


def withdraw_confirmations(user, deal: Deal, organization_id: int, at, step: str = ConfirmationStep.AGREE):
    """Withdraw the pending confirmations of ``step`` (a new proposal changes what was confirmed);
    each withdrawal is on the timeline. The caller holds the deal's lock."""
    pending = DealConfirmation.objects.filter(deal=deal, step=step, withdrawn_at__isnull=True).select_related(
        "terms"
    )
    for confirmation in pending:
        confirmation.withdrawn_at = at
        confirmation.save(update_fields=["withdrawn_at", "updated_at"])
        announce(
            "deal.confirmation_withdrawn",
            subject=deal,
            actor=user,
            organization=organization_id,
            at=at,
            data={
                "step": step,
                "side": confirmation.side,
                "confirmation": str(confirmation.public_id),
                "terms_version": confirmation.terms.version,
            },
        )


def _confirm(user, locked: Deal, action: str, side: str, contract, detected, stored, now):
    """Record ``side``'s confirmation of ``action`` for the version it concerns; True when the other
    side has confirmed the same version, so the deal moves now."""
    terms = locked.current_terms if action == ConfirmationStep.AGREE else locked.agreed_terms
    pending = {
        c.side: c
        for c in DealConfirmation.objects.select_for_update().filter(
            deal=locked, step=action, withdrawn_at__isnull=True
        )
    }
    mine = pending.get(side)
    if mine is not None and mine.terms_id != terms.pk:  # confirmed an earlier version: no longer valid
        mine.withdrawn_at = now
        mine.save(update_fields=["withdrawn_at", "updated_at"])
        mine = None
    if mine is None:
        mine = DealConfirmation(
            deal=locked,
            step=action,
            side=side,
            organization_id=org_id_of(locked, side),
            terms=terms,
            confirmed_by=user,
        )
        if detected is not None:
            store_checked_file(mine, contract, detected, stored)
        mine.save()
    elif detected is not None:
        if mine.file:
            raise conflict(_("Your side already uploaded its signed contract."))
        store_checked_file(mine, contract, detected, stored)
        mine.save()
    else:
        return None  # confirmed already: nothing changes
    other_side = SELLER if side == BUYER else BUYER
    other = pending.get(other_side)
    both = other is not None and other.terms_id == terms.pk
    verb = "deal.terms_confirmed" if action == ConfirmationStep.AGREE else "deal.signature_confirmed"
    party = org_label(locked.buyer if side == BUYER else locked.seller)
    announce(
        verb,
        subject=locked,
        actor=user,
        organization=mine.organization_id,
        at=now,
        data={
            "step": action,
            "side": side,
            "confirmation": str(mine.public_id),
            "terms_version": terms.version,
            "contract": bool(mine.file),
        },
        notices=[]
        if both
        else [
            Notice(
                "deals.confirmation_wanted",
                {
                    "goods": terms.goods,
                    "party": party,
                    "version": terms.version,
                    "step": choice_label(ConfirmationStep, action),
                },
                locked.get_absolute_url(),
                organization_id=other_org_id(locked, side),
                exclude_user_id=user.pk,
            )
        ],
        key=f"deals:confirmed:{mine.pk}:{int(bool(mine.file))}",
    )
    return both


def transition_deal(
    user, deal: Deal, action: str, reason: str = "", expected_status: str | None = None, contract=None
) -> Deal:
    """Move ``deal`` by ``action`` (a key of :data:`TRANSITIONS`). ``expected_status`` is the state
    the user saw when deciding; if the deal moved meanwhile, the request is refused (409). For
    "agree" and "sign" the step records this side's confirmation and moves the deal only once both
    sides confirmed the same term sheet version; ``contract`` (an uploaded file, "sign" only) is the
    side's signed contract, a PDF."""
    if action not in TRANSITIONS:
        raise ValidationError(
            {"action": [_("Unknown action “%(action)s”.") % {"action": action}]}, code="invalid"
        )
    if expected_status and expected_status not in S.values:
        raise ValidationError(
            {
                "expected_status": [
                    _("Unknown status “%(status)s”; use one of: %(codes)s.")
                    % {"status": expected_status, "codes": ", ".join(S.values)}
                ]
            },
            code="invalid",
        )
    sources, target, sides = TRANSITIONS[action]
    side = deal_side(user, deal)
    if side not in sides:
        raise PermissionDenied(
            _("Only the buyer can do this.") if BUYER in sides else _("Only the seller can do this.")
        )
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
    if action == "cancel" and not reason:
        raise ValidationError({"reason": [_("Say why the deal is cancelled.")]}, code="reason_missing")
    if contract is not None and action != ConfirmationStep.SIGN:
        raise ValidationError(
            {"contract": [_("A signed contract goes with confirming the signature only.")]}, code="invalid"
        )
    detected = _checked_contract(contract)  # raises before anything is written
    with discard_on_failure() as stored, transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        current = locked.status
        if expected_status and current != expected_status:
            raise conflict(
                _("The deal changed meanwhile: it is now “%(status)s”. Reload the page and decide again."),
                status=S(current).label,
            )
        if current not in sources:
            raise conflict(
                _("The deal is “%(status)s”: “%(action)s” is not possible now."),
                status=S(current).label,
                action=ACTION_LABELS[action],
            )
        now = timezone.now()
        changes = {"status": target, "status_changed_at": now, "updated_at": now}
        if action == "agree":
            if TermSheet.objects.filter(deal=locked, status=TermsStatus.PROPOSED).exists():
                raise conflict(pending_proposal_refusal())
            changes.update(agreed_terms_id=locked.current_terms_id, agreed_at=now)
        if action in CONFIRMED_ACTIONS and not _confirm(
            user, locked, action, side, contract, detected, stored, now
        ):
            return locked  # this side's confirmation is recorded; the other side's is awaited
        org_id = org_id_of(locked, side)
        if action == "cancel":
            changes["cancel_reason"] = reason
            reject_open_proposals(user, locked, org_id, reason, now)
        # Guarded update: a writer that got here with a stale state changes no row.
        if Deal.objects.filter(pk=locked.pk, status=current).update(**changes) != 1:
            raise conflict(_("The deal changed meanwhile. Reload the page and decide again."))
        locked.refresh_from_db()
        announce(
            "deal.status_changed",
            subject=locked,
            actor=user,
            organization=org_id,
            from_status=current,
            to_status=target,
            reason=reason,
            at=now,
            data={
                "action": action,
                "terms_version": locked.current_terms.version if locked.current_terms_id else None,
            },
            notices=[
                Notice(
                    "deals.status",
                    {
                        "goods": locked.current_terms.goods,
                        "party": org_label(locked.buyer if side == BUYER else locked.seller),
                        "from_status": choice_label(S, current),
                        "status": choice_label(S, target),
                        "reason": reason,
                    },
                    locked.get_absolute_url(),
                    organization_id=other_org_id(locked, side),
                    exclude_user_id=user.pk,
                )
            ],
            key=f"deals:deal:{locked.pk}:{current}:{target}",
        )
        if locked.agreed_terms_id and settings.SCOTEMP_PREPARE_DOCUMENTS:
            transaction.on_commit(lambda: _prepare_documents(locked.pk))
    return locked


def _prepare_documents(deal_id: int) -> None:
    """Enqueue the documents' build (imported here: the tasks module imports the actions)."""
    from ..tasks import prepare_deal_documents

    prepare_deal_documents.enqueue(deal_id)
