"""Reads about handover requests: the operator's queue, pending and decided."""

from ..choices import HandoverStatus
from ..models import HandoverRequest


def handover(pk) -> HandoverRequest:
    """One handover request with its organization and requester (for the answer to its author)."""
    return HandoverRequest.objects.select_related("organization", "requested_by").get(pk=pk)


def handover_queue(status: str = HandoverStatus.PENDING):
    """Handover requests in ``status`` with their organization and requester, oldest first (operators)."""
    return (
        HandoverRequest.objects.filter(status=status)
        .select_related("organization", "organization__country", "requested_by", "decided_by")
        .order_by("created_at")
    )


def handover_decided():
    """Decided handover requests, latest decision first (operators)."""
    return (
        HandoverRequest.objects.exclude(status=HandoverStatus.PENDING)
        .select_related("organization", "requested_by", "decided_by")
        .order_by("-decided_at")
    )
