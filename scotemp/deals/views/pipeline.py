"""The deals pipeline of the active organization (requests sent, inquiries received, deals by status),
and what operator staff find there instead: the negotiations a party asked them into."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from scotemp.core.permissions import is_operator

from .. import queries
from ..choices import DealStatus
from .common import organization_or_warn

PIPELINE_ROWS = 100


@login_required
def pipeline(request):
    """Requests sent, inquiries received and deals of the active organization, each list bounded, with
    a count per deal status. A fixed number of queries whatever the rows."""
    if is_operator(request.user) and getattr(request, "active_organization", None) is None:
        return _operator_desk(request)
    organization = organization_or_warn(request)
    if organization is None:
        return redirect("accounts:organizations")
    user = request.user
    sent = queries.inquiries_for(user, "buyer", listing=True).filter(buyer=organization)
    received = queries.inquiries_for(user, "seller", listing=True).filter(seller=organization)
    sent, received = list(sent[:PIPELINE_ROWS]), list(received[:PIPELINE_ROWS])
    deal_status = request.GET.get("status", "")
    if deal_status not in DealStatus.values:
        deal_status = ""
    own = Q(buyer=organization) | Q(seller=organization)
    deals = list(queries.deals_for(user, deal_status or None, listing=True).filter(own)[:PIPELINE_ROWS])
    counts = dict(
        queries.deals_for(user)
        .filter(own)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    biggest = max(counts.values(), default=0) or 1
    statuses = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "pct": counts.get(value, 0) * 100 // biggest,
        }
        for value, label in DealStatus.choices
    ]
    for deal in deals:
        deal.side = "buyer" if deal.buyer_id == organization.pk else "seller"
    return render(
        request,
        "deals/pipeline.html",
        {
            "organization": organization,
            "sent": sent,
            "received": received,
            "deals": deals,
            "deal_status": deal_status,
            "statuses": statuses,
            "deal_total": sum(counts.values()),
            "unread_received": sum(1 for i in received if i.unread),
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
