"""Writes of a deal: its state transitions and its term sheet versions.

The allowed transitions are :data:`TRANSITIONS`, the one table of the deal's life:

    negotiating → agreed → contract signed → in fulfilment → completed
    any open state → cancelled (a reason is required)

Guarantees:
- a transition runs in one transaction: the deal row is locked (``select_for_update``; on SQLite the
  ``BEGIN IMMEDIATE`` transaction serializes writers), its state re-read and checked against the table
  and against the state the caller saw (``expected_status``), then changed by a guarded
  ``UPDATE … WHERE status = <from>``; one ``DealEvent`` row records who, when, from, to and why;
- a refused or raced transition raises ``ValidationError(code="conflict")`` (HTTP 409) and changes
  nothing; of concurrent requests that all expect the same state, exactly one succeeds;
- ``agree`` fixes the current term sheet as ``agreed_terms``; no term changes after that;
- changing a term creates a new version that the other side accepts or rejects; at most one
  proposal is open at a time (a database constraint), so two sides cannot propose at once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notify
from .actions import BUYER, SELLER, conflict, side_of
from .choices import OPEN_DEAL_STATUSES, DealEventKind, DealStatus, TermsStatus
from .labels import choice_label, org_label
from .models import Deal, DealEvent, TermSheet

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
    "sign": gettext_lazy("Mark the contract as signed"),
    "start_fulfilment": gettext_lazy("Start fulfilment (goods shipped)"),
    "complete": gettext_lazy("Confirm completion (goods received)"),
    "cancel": gettext_lazy("Cancel the deal"),
}


def allowed_actions(deal: Deal, side: str | None) -> list[str]:
    """The transitions ``side`` may take now (for buttons)."""
    return [a for a, (sources, _to, sides) in TRANSITIONS.items() if deal.status in sources and side in sides]


def _party(user, deal: Deal) -> str:
    side = side_of(user, deal)
    if side is None:
        raise PermissionDenied(_("Only members of the two organizations can change this deal."))
    return side


def _other_org_id(deal: Deal, side: str) -> int:
    return deal.seller_id if side == BUYER else deal.buyer_id


def transition_deal(
    user, deal: Deal, action: str, reason: str = "", expected_status: str | None = None
) -> Deal:
    """Move ``deal`` by ``action`` (a key of :data:`TRANSITIONS`). ``expected_status`` is the state
    the user saw when deciding; if the deal moved meanwhile, the request is refused (409)."""
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
    side = _party(user, deal)
    if side not in sides:
        raise PermissionDenied(
            _("Only the buyer can do this.") if BUYER in sides else _("Only the seller can do this.")
        )
    reason = (reason or "").strip()
    if action == "cancel" and not reason:
        raise ValidationError({"reason": [_("Say why the deal is cancelled.")]}, code="reason_missing")
    with transaction.atomic():
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
                raise conflict(
                    _("New terms are waiting for an answer: accept or reject them before agreeing.")
                )
            changes.update(agreed_terms_id=locked.current_terms_id, agreed_at=now)
        if action == "cancel":
            changes["cancel_reason"] = reason
            TermSheet.objects.filter(deal=locked, status=TermsStatus.PROPOSED).update(
                status=TermsStatus.REJECTED, decided_by=user, decided_at=now
            )
        # Guarded update: a writer that got here with a stale state changes no row.
        if Deal.objects.filter(pk=locked.pk, status=current).update(**changes) != 1:
            raise conflict(_("The deal changed meanwhile. Reload the page and decide again."))
        org_id = locked.buyer_id if side == BUYER else locked.seller_id
        event = DealEvent.objects.create(
            deal=locked,
            kind=DealEventKind.TRANSITION,
            at=now,
            actor=user,
            actor_org_id=org_id,
            action=action,
            from_status=current,
            to_status=target,
            reason=reason,
            terms_version=locked.current_terms.version if locked.current_terms_id else None,
        )
        locked.refresh_from_db()
        notify.tell(
            _other_org_id(locked, side),
            "deals.status",
            {
                "goods": locked.current_terms.goods,
                "party": org_label(locked.buyer if side == BUYER else locked.seller),
                "from_status": choice_label(S, current),
                "status": choice_label(S, target),
                "reason": reason,
            },
            notify.deal_url(locked),
            f"event:{event.pk}",
        )
    return locked


# --- term sheets -------------------------------------------------------------------------------------


def propose_terms(user, deal: Deal, values: dict) -> TermSheet:
    """Propose a new version of the terms (from a valid ``TermSheetForm``). Only while negotiating;
    a side's own open proposal is replaced; the other side's open proposal must be answered first."""
    side = _party(user, deal)
    org_id = deal.buyer_id if side == BUYER else deal.seller_id
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status != S.NEGOTIATING:
            raise conflict(_("The deal is “%(status)s”: its terms are fixed."), status=S(locked.status).label)
        pending = TermSheet.objects.filter(deal=locked, status=TermsStatus.PROPOSED).first()
        if pending is not None and pending.proposed_by_org_id != org_id:
            raise conflict(_("The other side proposed new terms: accept or reject them first."))
        now = timezone.now()
        if pending is not None:
            pending.status = TermsStatus.SUPERSEDED
            pending.decided_at = now
            pending.save(update_fields=["status", "decided_at", "updated_at"])
        current = locked.current_terms
        if current is not None and all(
            getattr(current, f) == values.get(f) for f in TermSheet.TERM_FIELDS if f in values
        ):
            raise ValidationError(
                _("These are the current terms; change at least one term to propose a new version."),
                code="unchanged",
            )
        last = (
            TermSheet.objects.filter(deal=locked)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        try:
            with transaction.atomic():
                terms = TermSheet.objects.create(
                    deal=locked,
                    version=(last or 0) + 1,
                    status=TermsStatus.PROPOSED,
                    proposed_by_org_id=org_id,
                    proposed_by=user,
                    **values,
                )
        except IntegrityError:
            raise conflict(_("Someone proposed terms at the same moment. Reload the page.")) from None
        DealEvent.objects.create(
            deal=locked,
            kind=DealEventKind.TERMS_PROPOSED,
            at=now,
            actor=user,
            actor_org_id=org_id,
            terms_version=terms.version,
        )
        notify.tell(
            _other_org_id(locked, side),
            "deals.terms_proposed",
            {
                "goods": terms.goods,
                "party": org_label(locked.buyer if side == BUYER else locked.seller),
                "version": terms.version,
            },
            notify.deal_url(locked),
            f"terms:{terms.pk}",
        )
    return terms


def decide_terms(user, terms: TermSheet, accept: bool, reason: str = "") -> TermSheet:
    """The other side accepts a proposed version (it becomes the deal's current terms) or rejects it
    (with a reason; the current terms stay)."""
    deal = terms.deal
    side = _party(user, deal)
    org_id = deal.buyer_id if side == BUYER else deal.seller_id
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": [_("Say why you reject these terms.")]}, code="reason_missing")
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        terms = TermSheet.objects.select_for_update().get(pk=terms.pk)
        if locked.status != S.NEGOTIATING or terms.status != TermsStatus.PROPOSED:
            raise conflict(_("These terms are no longer waiting for an answer."))
        if terms.proposed_by_org_id == org_id:
            raise PermissionDenied(_("The other side answers your proposal."))
        now = timezone.now()
        terms.status = TermsStatus.ACCEPTED if accept else TermsStatus.REJECTED
        terms.decided_by = user
        terms.decided_at = now
        terms.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        if accept:
            TermSheet.objects.filter(pk=locked.current_terms_id).update(status=TermsStatus.SUPERSEDED)
            Deal.objects.filter(pk=locked.pk).update(current_terms=terms, updated_at=now)
        DealEvent.objects.create(
            deal=locked,
            kind=DealEventKind.TERMS_ACCEPTED if accept else DealEventKind.TERMS_REJECTED,
            at=now,
            actor=user,
            actor_org_id=org_id,
            reason=reason,
            terms_version=terms.version,
        )
        notify.tell(
            terms.proposed_by_org_id,
            "deals.terms_decided",
            {
                "goods": terms.goods,
                "party": org_label(locked.buyer if side == BUYER else locked.seller),
                "version": terms.version,
                "decision": choice_label(TermsStatus, terms.status),
            },
            notify.deal_url(locked),
            f"terms-decided:{terms.pk}",
        )
    return terms
