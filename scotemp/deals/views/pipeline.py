"""The deals pipeline of the active organization (requests sent, inquiries received, deals by status),
and what operator staff find there instead: the negotiations a party asked them into."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from scotemp.core.permissions import is_operator

from .. import queries
from ..queries.pipeline import PIPELINE_ROWS, pipeline_of
from .common import organization_or_warn


@login_required
def pipeline(request):
    """Requests sent, inquiries received and deals of the active organization, each list bounded, with
    a count per deal status. A fixed number of queries whatever the rows (``queries.pipeline``)."""
    if is_operator(request.user) and getattr(request, "active_organization", None) is None:
        return _operator_desk(request)
    organization = organization_or_warn(request)
    if organization is None:
        return redirect("accounts:organizations")
    board = pipeline_of(request.user, organization, request.GET.get("status", ""))
    return render(
        request,
        "deals/pipeline.html",
        {
            "organization": organization,
            "sent": board.sent,
            "received": board.received,
            "deals": board.deals,
            "deal_status": board.deal_status,
            "statuses": board.statuses,
            "deal_total": board.deal_total,
            "unread_received": board.unread_received,
        },
    )


def _operator_desk(request):
    """What the operator's staff find under Deals: the negotiations a party asked them into (the only
    threads they can read), newest request first, and the way to the deals report."""
    asked_in = list(
        queries.inquiries_for(request.user)
        .select_related("operator_access_by")
        .order_by("-operator_access_at", "-pk")[:PIPELINE_ROWS]
    )
    return render(request, "deals/operator_desk.html", {"asked_in": asked_in})
