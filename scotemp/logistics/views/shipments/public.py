"""The public tracking page ``/logistics/track/<token>/``: milestones only, no account, no prices,
documents or contacts; not indexed."""

from django.shortcuts import render

from ...queries import shipments as queries


def track(request, token):
    """The public tracking page: milestones (places, times, status, ETA) and nothing else — no
    parties, prices, documents, containers or remarks. Not indexed by search engines."""
    shipment = queries.shipment_for_tracking(token)
    response = render(
        request,
        "logistics/shipments/track.html",
        {
            "shipment": shipment,
            "timeline": queries.timeline(shipment, milestones_only=True),
            "progress": queries.progress(shipment),
            "eta_when": queries.format_moment(shipment.eta),
            "planned_when": queries.format_moment(shipment.planned_arrival),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
