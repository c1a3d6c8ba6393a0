"""Writes on matches: an organization bookmarks or dismisses a match.

Guarantees: only a member of one side's organization decides, for that organization (the caller
passes the match from ``queries_matches.match_for_member``); one decision per organization and lead
pair (the unique constraint; a second call changes the action), kept when the match is recomputed;
a dismissed pair is no longer shown to that organization nor notified again."""

from django.db import transaction

from .choices import MatchAction
from .models import Match, MatchDecision


def decide_match(user, match: Match, organization_id: int, action: str) -> MatchDecision:
    """Record ``action`` (bookmarked / dismissed) of ``organization_id`` on ``match``."""
    if action not in MatchAction.values:
        raise ValueError(action)
    with transaction.atomic():
        decision, _created = MatchDecision.objects.update_or_create(
            organization_id=organization_id,
            sell_lead_id=match.sell_lead_id,
            buy_lead_id=match.buy_lead_id,
            defaults={"match": match, "action": action, "user": user},
        )
    return decision


def undo_decision(user, match: Match, organization_id: int) -> int:
    """Remove the organization's decision on the pair (un-bookmark); returns rows deleted."""
    with transaction.atomic():
        return MatchDecision.objects.filter(
            organization_id=organization_id, sell_lead_id=match.sell_lead_id, buy_lead_id=match.buy_lead_id
        ).delete()[0]
