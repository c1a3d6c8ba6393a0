"""Writes on matches: an organization bookmarks or dismisses a match, or takes its decision back.

Guarantees: only a member of one side's organization decides, for that organization (404 for
everybody else, operators included: ADR 0010); one decision per organization and lead pair (the
unique constraint; a second call changes the action), kept when the match is recomputed; a dismissed
pair is no longer shown to that organization nor notified again; each change of a decision is one
audit row (``match.decided``, from the previous decision to the new one, "" for none)."""

from django.db import transaction
from django.http import Http404

from scotemp.core.effects import announce
from scotemp.core.permissions import parties_of

from ..choices import MatchAction
from ..models import Match, MatchDecision


def _check_side(user, match: Match, organization_id: int) -> None:
    sides = {"sell_organization": match.sell_organization_id, "buy_organization": match.buy_organization_id}
    if organization_id not in {sides[path] for path in parties_of(user, match)}:
        raise Http404


def _announce(user, match: Match, organization_id: int, before: str, after: str) -> None:
    if before != after:
        announce(
            "match.decided",
            subject=match,
            actor=user,
            organization=organization_id,
            from_status=before,
            to_status=after,
        )


def decide_match(user, match: Match, organization_id: int, action: str) -> MatchDecision:
    """Record ``action`` (bookmarked / dismissed) of ``organization_id`` on ``match``."""
    if action not in MatchAction.values:
        raise ValueError(action)
    _check_side(user, match, organization_id)
    with transaction.atomic():
        pair = {"sell_lead_id": match.sell_lead_id, "buy_lead_id": match.buy_lead_id}
        previous = (
            MatchDecision.objects.select_for_update()
            .filter(organization_id=organization_id, **pair)
            .values_list("action", flat=True)
            .first()
        )
        decision, _created = MatchDecision.objects.update_or_create(
            organization_id=organization_id,
            **pair,
            defaults={"match": match, "action": action, "user": user},
        )
        _announce(user, match, organization_id, previous or "", action)
    return decision


def undo_decision(user, match: Match, organization_id: int) -> int:
    """Remove the organization's decision on the pair (un-bookmark); returns rows deleted."""
    _check_side(user, match, organization_id)
    with transaction.atomic():
        decisions = MatchDecision.objects.select_for_update().filter(
            organization_id=organization_id, sell_lead_id=match.sell_lead_id, buy_lead_id=match.buy_lead_id
        )
        previous = decisions.values_list("action", flat=True).first()
        deleted = decisions.delete()[0]
        if previous:
            _announce(user, match, organization_id, previous, "")
    return deleted
