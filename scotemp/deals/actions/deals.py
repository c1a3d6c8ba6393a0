"""Writes of a deal: its state transitions (term sheet versions are in :mod:`.terms`).

The allowed transitions are :data:`TRANSITIONS`, the one table of the deal's life:

    negotiating → agreed → contract signed → in fulfilment → completed
    any open state → cancelled (a reason is required)

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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.core.effects import Notice, announce

from ..choices import MAX_REASON_LENGTH, OPEN_DEAL_STATUSES, DealStatus, TermsStatus
from ..labels import choice_label, org_label
from ..models import Deal, TermSheet
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
    "sign": gettext_lazy("Mark the contract as signed"),
    "start_fulfilment": gettext_lazy("Start fulfilment (goods shipped)"),
    "complete": gettext_lazy("Confirm completion (goods received)"),
    "cancel": gettext_lazy("Cancel the deal"),
}


def allowed_actions(deal: Deal, side: str | None) -> list[str]:
    """The transitions ``side`` may take now (for buttons)."""
    return [a for a, (sources, _to, sides) in TRANSITIONS.items() if deal.status in sources and side in sides]


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
    side = deal_side(user, deal)
    if side not in sides:
        raise PermissionDenied(
            _("Only the buyer can do this.") if BUYER in sides else _("Only the seller can do this.")
        )
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
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
    return locked
