"""Reads of shipments: the lists and the one shipment a party sees (404 for anyone else), the
public tracking view by token, the timeline (planned against actual) and what a deal prefills."""

import datetime
import uuid

from django.db.models import Q
from django.http import Http404

from scotemp.core.formatting import format_date

from ..choices.shipments import MILESTONE_EVENTS, EventClassifier, EventType, ShipmentStatus
from ..models import Shipment, TrackingEvent

ACT, EST, PLN = EventClassifier.ACTUAL, EventClassifier.ESTIMATED, EventClassifier.PLANNED
E_TERMS_AT_ORIGIN = ("EXW", "FCA", "FAS", "FOB")  # the named place of these rules is where goods start


def format_moment(value) -> str:
    """A moment as the reader's date and the UTC time: ``4 Dec 2026 03:00 UTC``."""
    if value is None:
        return ""
    utc = value.astimezone(datetime.UTC)
    return f"{format_date(utc)} {utc:%H:%M} UTC"


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def shipments_for(user, *, status: str | None = None, role: str | None = None, q: str = ""):
    """The shipments ``user``'s organizations take part in (as shipper, consignee or provider),
    newest first; ``role`` keeps one side, ``q`` searches the reference and the cargo."""
    qs = Shipment.objects.visible_to(user)
    if role in ("shipper", "consignee", "provider"):
        qs = qs.on_side(user, role) if not user.is_superuser else qs.filter(**{f"{role}__isnull": False})
    if status in ShipmentStatus.values:
        qs = qs.filter(status=status)
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(Q(reference__icontains=q) | Q(cargo_description__icontains=q))
    return qs.select_related("shipper", "consignee", "provider", "origin", "destination")


def shipment_for_viewer(user, public_id) -> Shipment:
    """One shipment ``user`` may see; ``Http404`` otherwise (never a 403 that confirms it exists)."""
    shipment = (
        Shipment.objects.visible_to(user)
        .select_related("shipper", "consignee", "provider", "origin", "destination", "hs_code", "deal")
        .filter(public_id=_uuid(public_id))
        .first()
    )
    if shipment is None:
        raise Http404
    return shipment


def shipment_for_tracking(token: str) -> Shipment:
    """The shipment of a public tracking link; ``Http404`` for a wrong or revoked token."""
    token = str(token or "")
    if not (20 <= len(token) <= 64):
        raise Http404
    shipment = Shipment.objects.select_related("origin", "destination").filter(tracking_token=token).first()
    if shipment is None or shipment.tracking_token != token:  # exact, case-sensitive match
        raise Http404
    return shipment


def events_of(shipment):
    """The timeline in the order things happened (not the order they were posted)."""
    return TrackingEvent.objects.filter(shipment=shipment).order_by("event_at", "id")


def timeline(shipment, milestones_only: bool = False) -> list[dict]:
    """Rows for the timeline: each actual or estimated event (milestones only for the public page)
    with its planned counterpart (same type and place) and the delay against it, in hours."""
    events = list(
        events_of(shipment).values(
            "classifier", "event_type", "event_at", "location_code", "equipment_reference", "description"
        )
    )
    plan: dict[tuple[str, str], datetime.datetime] = {}
    for leg in shipment.legs.all():
        if leg.planned_departure:
            plan.setdefault((EventType.DEPARTURE, leg.from_code), leg.planned_departure)
        if leg.planned_arrival:
            plan[(EventType.ARRIVAL, leg.to_code)] = leg.planned_arrival
    for e in events:
        if e["classifier"] == PLN:
            plan.setdefault((e["event_type"], e["location_code"]), e["event_at"])
    rows = []
    threshold = shipment.delay_threshold_hours
    for e in events:
        if e["classifier"] == PLN:
            continue
        if milestones_only and e["event_type"] not in MILESTONE_EVENTS:
            continue
        planned = plan.get((e["event_type"], e["location_code"]))
        delay = (e["event_at"] - planned).total_seconds() / 3600 if planned else None
        rows.append(
            {
                **e,
                "type_label": EventType(e["event_type"]).label,
                "classifier_label": EventClassifier(e["classifier"]).label,
                "planned": planned,
                "delay_hours": round(delay, 1) if delay is not None else None,
                "late": delay is not None and delay > threshold,
                "when": format_moment(e["event_at"]),
                "planned_when": format_moment(planned) if planned else "",
            }
        )
    return rows


def progress(shipment) -> dict:
    """How far along the legs the shipment is, for the progress bar: legs done (actual arrival),
    the current one (departed, not arrived) and the percentage of legs done."""
    legs = list(shipment.legs.all())
    if shipment.status == ShipmentStatus.DELIVERED:
        done = len(legs)
    else:
        done = sum(1 for leg in legs if leg.actual_arrival)
    total = len(legs) or 1
    percent = 100 if shipment.status == ShipmentStatus.DELIVERED else round(100 * done / total)
    return {"legs": legs, "done": done, "percent": percent}


def initial_from_deal(deal) -> dict:
    """What a deal prefills on a new shipment: the seller ships to the buyer, the goods and HS code
    of the agreed (else current) terms, and the Incoterms named place as the origin (E and F rules)
    or the destination (C and D rules)."""
    terms = deal.agreed_terms or deal.current_terms
    initial = {"deal": deal, "shipper": deal.seller, "consignee": deal.buyer}
    if terms is not None:
        initial["cargo_description"] = terms.goods
        initial["hs_code"] = terms.hs_code_id
        place = "origin" if terms.incoterm_id in E_TERMS_AT_ORIGIN else "destination"
        initial[place] = terms.incoterm_place_id
    return initial
