"""Shipments under /api/v1/logistics/shipments: list (paged, filters), create, read, change the plan
(PATCH), cancel, add legs and equipment, regenerate or revoke the public link, and the tracking
events — read them (paged, in the order they happened) and post a batch of up to 500.

A batch is all-or-nothing on validation: one invalid event refuses the batch with 422 and
``errors`` keyed ``events.<index>.<field>``, nothing written. Events already recorded (the same
``provider_event_id``, or the same content when none is given) are reported per event as
``duplicate``, not as errors, so a resent batch records nothing twice and answers 200 again. Only the
shipper and the provider post events; the consignee reads (403 if it posts); anyone else gets 404."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from scotemp.accounts.models import Organization
from scotemp.core.api import ERRORS, Page, PageParams, paginate, run
from scotemp.core.permissions import acting_organization_id, member_org_ids, parties_of
from scotemp.deals.models import Deal

from ..actions import shipments as actions
from ..choices import Equipment, Mode
from ..choices.shipments import MAX_EVENT_BATCH, EventSource, ShipmentStatus
from ..queries import shipments as queries

router = Router(tags=["logistics"])

StatusCode = Literal[tuple(ShipmentStatus.values)]  # type: ignore[valid-type]
RoleCode = Literal["shipper", "consignee", "provider"]


class OrgRef(Schema):
    public_id: UUID
    name: str
    country: str


class LegIn(Schema):
    mode: Literal[tuple(Mode.values)]  # type: ignore[valid-type]
    from_code: str = Field(..., max_length=24)
    to_code: str = Field(..., max_length=24)
    planned_departure: datetime.datetime | None = None
    planned_arrival: datetime.datetime | None = None


class ShipmentLegOut(LegIn):
    sequence: int
    actual_departure: datetime.datetime | None = None
    actual_arrival: datetime.datetime | None = None


class EquipmentIn(Schema):
    equipment_type: Literal[tuple(Equipment.values)]  # type: ignore[valid-type]
    number: str = Field(..., max_length=20)
    seal: str = Field("", max_length=40)


class ShipmentIn(Schema):
    origin: str = Field(..., max_length=5, description="UN/LOCODE")
    destination: str = Field(..., max_length=5, description="UN/LOCODE")
    cargo_description: str = Field(..., max_length=300)
    consignee: UUID | None = Field(None, description="Public id of the consignee organization")
    consignee_name: str = Field("", max_length=200, description="When the consignee is not on the platform")
    provider: UUID | None = Field(None, description="Public id of the forwarder or carrier")
    deal: UUID | None = Field(None, description="Public id of a deal of yours this shipment fulfils")
    hs_code: str | None = Field(None, max_length=6)
    weight_kg: str | None = Field(None, max_length=20)
    volume_m3: str | None = Field(None, max_length=20)
    planned_departure: datetime.datetime | None = None
    planned_arrival: datetime.datetime | None = None
    delay_threshold_hours: int | None = Field(None, ge=1, le=720)
    legs: list[LegIn] = Field(default_factory=list, max_length=30)
    equipment: list[EquipmentIn] = Field(default_factory=list, max_length=200)


class ShipmentOut(Schema):
    public_id: UUID
    reference: str
    role: list[str]
    status: str
    status_label: str
    shipper: OrgRef
    consignee: OrgRef | None = None
    consignee_name: str
    provider: OrgRef | None = None
    deal: UUID | None = None
    origin: str
    destination: str
    planned_departure: datetime.datetime | None = None
    planned_arrival: datetime.datetime | None = None
    eta: datetime.datetime | None = None
    eta_basis: str
    delay_hours: float | None = None
    delay_threshold_hours: int
    hs_code: str | None = None
    cargo_description: str
    weight_kg: str | None = None
    volume_m3: str | None = None
    tracking_url: str | None = None
    events_count: int
    legs: list[ShipmentLegOut] = []
    equipment: list[EquipmentIn] = []
    created_at: datetime.datetime


class EventIn(Schema):
    classifier: str = Field(..., max_length=3, description="PLN, EST or ACT (DCSA eventClassifierCode)")
    event_type: str = Field(
        ...,
        max_length=4,
        description="DCSA ARRI, DEPA, LOAD, DISC, GTIN, GTOT, STUF, STRP; platform XBOR, XGCH, XCHD, XCRL",
    )
    event_at: str = Field(..., max_length=40, description="ISO 8601 with its zone: 2026-12-01T08:00:00+06:00")
    location_code: str = Field(..., max_length=24, description="UN/LOCODE or network code")
    equipment_reference: str = Field("", max_length=20)
    provider_event_id: str = Field("", max_length=100)
    description: str = Field("", max_length=300)


class EventsIn(Schema):
    events: list[EventIn] = Field(..., min_length=1, max_length=MAX_EVENT_BATCH)


class TrackingEventOut(Schema):
    public_id: UUID
    classifier: str
    event_type: str
    event_at: datetime.datetime
    location_code: str
    equipment_reference: str
    provider_event_id: str
    description: str
    source: str
    created_at: datetime.datetime


class EventResult(Schema):
    index: int
    status: Literal["created", "duplicate"]
    id: UUID | None = None


class BatchOut(Schema):
    created: int
    duplicates: int
    status: str
    eta: datetime.datetime | None = None
    delay_notified: bool
    results: list[EventResult]


class ShipmentPatch(Schema):
    planned_departure: datetime.datetime | None = None
    planned_arrival: datetime.datetime | None = None
    delay_threshold_hours: int | None = Field(None, ge=1, le=720)
    cargo_description: str | None = Field(None, max_length=300)
    weight_kg: str | None = Field(None, max_length=20)
    volume_m3: str | None = Field(None, max_length=20)


class CancelIn(Schema):
    reason: str = Field("", max_length=500)


class LinkOut(Schema):
    tracking_url: str | None = None


def _org(org):
    return {"public_id": org.public_id, "name": org.name, "country": org.country_id} if org else None


def _dec(value):
    return None if value is None else str(value)


def shipment_out(request, shipment, parties=None) -> dict:
    parties = parties_of(request.user, shipment) if parties is None else parties
    link = None
    if "shipper" in parties and shipment.tracking_token:
        link = request.build_absolute_uri(f"/logistics/track/{shipment.tracking_token}/")
    return {
        "public_id": shipment.public_id,
        "reference": shipment.reference,
        "role": parties,
        "status": shipment.status,
        "status_label": str(shipment.get_status_display()),
        "shipper": _org(shipment.shipper),
        "consignee": _org(shipment.consignee),
        "consignee_name": shipment.consignee_label,
        "provider": _org(shipment.provider),
        "deal": shipment.deal.public_id if shipment.deal_id else None,
        "origin": shipment.origin_id,
        "destination": shipment.destination_id,
        "planned_departure": shipment.planned_departure,
        "planned_arrival": shipment.planned_arrival,
        "eta": shipment.eta,
        "eta_basis": shipment.eta_basis,
        "delay_hours": round(shipment.delay_hours, 1) if shipment.delay_hours is not None else None,
        "delay_threshold_hours": shipment.delay_threshold_hours,
        "hs_code": shipment.hs_code_id,
        "cargo_description": shipment.cargo_description,
        "weight_kg": _dec(shipment.weight_kg),
        "volume_m3": _dec(shipment.volume_m3),
        "tracking_url": link,
        "events_count": shipment.events_count,
        "legs": list(shipment.legs.all()),
        "equipment": list(shipment.equipment.all()),
        "created_at": shipment.created_at,
    }


@router.get("/shipments", response={200: Page[ShipmentOut], **ERRORS}, summary="Shipments I take part in")
def list_shipments(
    request,
    params: Query[PageParams],
    status: StatusCode | None = None,  # type: ignore[valid-type]
    role: RoleCode | None = None,
    q: str = Query("", max_length=100),
):
    qs = queries.shipments_for(request.user, status=status, role=role, q=q).prefetch_related(
        "legs", "equipment"
    )
    return paginate(request, qs, params, transform=lambda rows: [shipment_out(request, s) for s in rows])


@router.post("/shipments", response={201: ShipmentOut, **ERRORS}, summary="Create a shipment")
def create_shipment(request, payload: ShipmentIn):
    org_id = acting_organization_id(request.user)
    if org_id is None:
        mine = sorted(member_org_ids(request.user))
        org_id = mine[0] if len(mine) == 1 else None
    if org_id is None:
        message = _("Choose the organization you act for (your active organization) first.")
        return Status(422, {"detail": message, "errors": {"shipper": [message]}})
    data = payload.dict()
    if data["deal"] is not None:
        data["deal"] = Deal.objects.visible_to(request.user).filter(public_id=data["deal"]).first()
        if data["deal"] is None:
            raise Http404
    shipment, error = run(
        actions.create_shipment,
        request.user,
        shipper=Organization.objects.get(pk=org_id),
        legs=data.pop("legs"),
        equipment=data.pop("equipment"),
        **data,
    )
    if error:
        return error
    return Status(201, shipment_out(request, queries.shipment_for_viewer(request.user, shipment.public_id)))


@router.get("/shipments/{public_id}", response={200: ShipmentOut, **ERRORS}, summary="One shipment")
def get_shipment(request, public_id: UUID):
    return shipment_out(request, queries.shipment_for_viewer(request.user, public_id))


@router.patch(
    "/shipments/{public_id}", response={200: ShipmentOut, **ERRORS}, summary="Change the plan or cargo"
)
def update_shipment(request, public_id: UUID, payload: ShipmentPatch):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    _result, error = run(actions.update_shipment, request.user, shipment, payload.dict(exclude_unset=True))
    return error or shipment_out(request, queries.shipment_for_viewer(request.user, public_id))


@router.post(
    "/shipments/{public_id}/cancel", response={200: ShipmentOut, **ERRORS}, summary="Cancel a shipment"
)
def cancel_shipment(request, public_id: UUID, payload: CancelIn):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    _result, error = run(actions.cancel_shipment, request.user, shipment, payload.reason)
    return error or shipment_out(request, queries.shipment_for_viewer(request.user, public_id))


@router.post("/shipments/{public_id}/legs", response={201: ShipmentLegOut, **ERRORS}, summary="Add a leg")
def add_leg(request, public_id: UUID, payload: LegIn):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    leg, error = run(actions.add_leg, request.user, shipment, **payload.dict())
    return error or Status(201, leg)


@router.post(
    "/shipments/{public_id}/equipment",
    response={201: EquipmentIn, **ERRORS},
    summary="Add a container or wagon",
)
def add_equipment(request, public_id: UUID, payload: EquipmentIn):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    row, error = run(actions.add_equipment, request.user, shipment, **payload.dict())
    return error or Status(201, row)


@router.post(
    "/shipments/{public_id}/tracking-link", response={200: LinkOut, **ERRORS}, summary="A new public link"
)
def regenerate_link(request, public_id: UUID):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    token = actions.regenerate_tracking_link(request.user, shipment)
    return {"tracking_url": request.build_absolute_uri(f"/logistics/track/{token}/")}


@router.delete(
    "/shipments/{public_id}/tracking-link",
    response={200: LinkOut, **ERRORS},
    summary="Switch the public link off",
)
def revoke_link(request, public_id: UUID):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    actions.revoke_tracking_link(request.user, shipment)
    return {"tracking_url": None}


@router.get(
    "/shipments/{public_id}/events",
    response={200: Page[TrackingEventOut], **ERRORS},
    summary="Tracking events, in the order they happened",
)
def list_events(request, public_id: UUID, params: Query[PageParams]):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    return paginate(request, queries.events_of(shipment), params)


@router.post(
    "/shipments/{public_id}/events",
    response={200: BatchOut, **ERRORS},
    summary="Post a batch of tracking events (up to 500)",
)
def post_events(request, public_id: UUID, payload: EventsIn):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    items = [event.dict() for event in payload.events]
    result, error = run(actions.post_events, request.user, shipment, items, source=EventSource.API)
    if error:
        return error
    return {
        "created": result.created,
        "duplicates": result.duplicates,
        "status": result.status,
        "eta": result.eta,
        "delay_notified": result.delay_notified,
        "results": result.results,
    }
