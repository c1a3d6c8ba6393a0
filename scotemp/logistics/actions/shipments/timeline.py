"""The timeline of a shipment after each batch of events: the plan of its legs, the ETA, the status
that the actual events give, the legs' actual times, and the delay notice, once per slip.

ETA, in order: an actual arrival at the destination; else the carrier's latest estimate; else the
planned arrival plus the delay of the latest actual event that has a planned counterpart (never
shortened for being early); else the plan."""

import datetime

from django.db.models import Min
from django.utils import timezone

from scotemp.core.effects import Notice, announce

from ...choices.shipments import (
    EventClassifier,
    EventType,
    ShipmentStatus,
)
from ...models import Shipment, ShipmentLeg, TrackingEvent

ACT, EST, PLN = EventClassifier.ACTUAL, EventClassifier.ESTIMATED, EventClassifier.PLANNED
ARRI, DEPA = EventType.ARRIVAL, EventType.DEPARTURE


def first_times(shipment, codes) -> dict[tuple[str, str], datetime.datetime]:
    """The first actual arrival and departure at each of ``codes`` already recorded."""
    rows = (
        TrackingEvent.objects.filter(
            shipment=shipment, classifier=ACT, event_type__in=(ARRI, DEPA), location_code__in=list(codes)
        )
        .values("event_type", "location_code")
        .annotate(first=Min("event_at"))
    )
    return {(r["event_type"], r["location_code"]): r["first"] for r in rows}


def _plan(shipment, legs) -> dict[tuple[str, str], datetime.datetime]:
    """Planned times by (event type, place): the legs' planned departures and arrivals, then the
    ``PLN`` events (the earliest for each), which take precedence."""
    plan: dict[tuple[str, str], datetime.datetime] = {}
    for leg in legs:
        if leg.planned_departure:
            plan.setdefault((DEPA, leg.from_code), leg.planned_departure)
        if leg.planned_arrival:
            plan[(ARRI, leg.to_code)] = leg.planned_arrival
    rows = (
        TrackingEvent.objects.filter(shipment=shipment, classifier=PLN)
        .values("event_type", "location_code")
        .annotate(first=Min("event_at"))
    )
    for r in rows:
        plan[(r["event_type"], r["location_code"])] = r["first"]
    return plan


def compute_eta(shipment, legs, plan=None) -> tuple[datetime.datetime | None, str]:
    """The estimated arrival at the destination and how it was found, the first rule that applies:

    1. ``actual``: an actual arrival (``ACT ARRI``) at the destination — the shipment is there;
    2. ``estimated``: the most recently recorded ``EST ARRI`` at the destination (the carrier's own
       estimate wins over ours);
    3. ``delay``: the planned arrival plus the delay of the latest actual event that has a planned
       counterpart (same event type and place, from a ``PLN`` event or a leg's planned times). A
       train that left Khorgos 30 hours late arrives 30 hours late unless told otherwise; being
       early on one stretch is not carried forward (the goods wait for their connection), so the
       delay counts from zero up;
    4. ``planned``: the planned arrival (the shipment's, else the plan's arrival at the destination).
    """
    destination = shipment.destination_id
    events = TrackingEvent.objects.filter(shipment=shipment, event_type=ARRI, location_code=destination)
    arrived = events.filter(classifier=ACT).order_by("event_at").values_list("event_at", flat=True).first()
    if arrived:
        return arrived, "actual"
    estimate = (
        events.filter(classifier=EST)
        .order_by("-created_at", "-id")
        .values_list("event_at", flat=True)
        .first()
    )
    if estimate:
        return estimate, "estimated"
    plan = _plan(shipment, legs) if plan is None else plan
    planned_arrival = shipment.planned_arrival or plan.get((ARRI, destination))
    if planned_arrival is None:
        return None, ""
    if plan:
        latest = (
            TrackingEvent.objects.filter(shipment=shipment, classifier=ACT)
            .order_by("-event_at", "-id")
            .values_list("event_type", "location_code", "event_at")[:200]
        )
        for event_type, code, moment in latest:
            planned = plan.get((event_type, code))
            if planned is not None:
                delay = max(moment - planned, datetime.timedelta(0))
                return planned_arrival + delay, "delay"
    return planned_arrival, "planned"


def status_from_timeline(shipment) -> str:
    """The status the actual events give: ``delivered`` once an actual arrival at the destination
    is recorded; else ``customs_hold`` when the latest actual customs event (by its time) is a
    hold; else ``in_transit`` when any actual event exists; else ``booked``. A cancelled shipment
    stays cancelled."""
    if shipment.status == ShipmentStatus.CANCELLED:
        return ShipmentStatus.CANCELLED
    acts = TrackingEvent.objects.filter(shipment=shipment, classifier=ACT)
    if acts.filter(event_type=ARRI, location_code=shipment.destination_id).exists():
        return ShipmentStatus.DELIVERED
    customs = (
        acts.filter(event_type__in=(EventType.CUSTOMS_HOLD, EventType.CUSTOMS_RELEASE))
        .order_by("-event_at", "-id")
        .values_list("event_type", flat=True)
        .first()
    )
    if customs == EventType.CUSTOMS_HOLD:
        return ShipmentStatus.CUSTOMS_HOLD
    if acts.exists():
        return ShipmentStatus.IN_TRANSIT
    return ShipmentStatus.BOOKED


def _leg_actuals(shipment, legs) -> None:
    codes = {leg.from_code for leg in legs} | {leg.to_code for leg in legs}
    if not codes:
        return
    first = first_times(shipment, codes)
    for leg in legs:
        departure, arrival = first.get((DEPA, leg.from_code)), first.get((ARRI, leg.to_code))
        if (departure, arrival) != (leg.actual_departure, leg.actual_arrival):
            leg.actual_departure, leg.actual_arrival = departure, arrival
            ShipmentLeg.objects.filter(pk=leg.pk).update(actual_departure=departure, actual_arrival=arrival)


def _delay_notices(shipment, eta, exclude_user_id) -> list[Notice]:
    from scotemp.core.effects import per_language

    from ...queries.shipments import format_moment

    delay_hours = int((eta - shipment.planned_arrival).total_seconds() // 3600)
    params = {
        "reference": shipment.reference,
        "eta": per_language(lambda: format_moment(eta)),
        "planned": per_language(lambda: format_moment(shipment.planned_arrival)),
        "hours": delay_hours,
    }
    orgs = [shipment.shipper_id, shipment.consignee_id]
    return [
        Notice(
            "logistics.shipment_delayed",
            params,
            shipment.get_absolute_url(),
            organization_id=org_id,
            exclude_user_id=exclude_user_id,
        )
        for org_id in dict.fromkeys(o for o in orgs if o)
    ]


def refresh_timeline(shipment, *, legs=None, actor=None, organization_id=None, new_events=()) -> dict:
    """Recompute status, ETA, the legs' actual times and the counters from the timeline, save them on
    ``shipment`` and announce a delay beyond the threshold once per slip: when the ETA first lies more
    than ``delay_threshold_hours`` after the planned arrival, and again only when it slips by more
    than the threshold past the ETA last announced (an ETA back within the threshold resets it).
    Runs inside the caller's transaction."""
    legs = list(ShipmentLeg.objects.filter(shipment=shipment).order_by("sequence")) if legs is None else legs
    previous = shipment.status
    status = status_from_timeline(shipment)
    eta, basis = compute_eta(shipment, legs)
    _leg_actuals(shipment, legs)
    now = timezone.now()
    fields = {"status": status, "eta": eta, "eta_basis": basis, "updated_at": now}
    if status != previous:
        fields["status_changed_at"] = now
    if new_events:
        fields["events_count"] = shipment.events_count + len(new_events)
        latest = max(e.event_at for e in new_events)
        if shipment.last_event_at is None or latest > shipment.last_event_at:
            fields["last_event_at"] = latest
    notified = False
    notified_eta = shipment.delay_notified_eta
    threshold = datetime.timedelta(hours=shipment.delay_threshold_hours)
    if (
        eta
        and shipment.planned_arrival
        and status not in (ShipmentStatus.DELIVERED, ShipmentStatus.CANCELLED)
    ):
        if eta - shipment.planned_arrival > threshold:
            if notified_eta is None or eta - notified_eta > threshold:
                notified = True
                fields["delay_notified_eta"] = eta
        elif notified_eta is not None:
            fields["delay_notified_eta"] = None
    for name, value in fields.items():
        setattr(shipment, name, value)
    Shipment.objects.filter(pk=shipment.pk).update(**fields)
    if status != previous:
        announce(
            "shipment.status_changed",
            subject=shipment,
            actor=actor,
            organization=organization_id,
            from_status=previous,
            to_status=status,
        )
    if notified:
        announce(
            "shipment.delayed",
            subject=shipment,
            actor=actor,
            organization=organization_id,
            data={"eta": eta.isoformat(), "planned_arrival": shipment.planned_arrival.isoformat()},
            notices=_delay_notices(shipment, eta, getattr(actor, "pk", None)),
            key=f"logistics:shipment:{shipment.pk}:delay:{eta.isoformat()}",
        )
    return {"from_status": previous, "status_changed": status != previous, "delay_notified": notified}
