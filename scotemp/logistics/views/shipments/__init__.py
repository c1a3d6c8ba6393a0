"""Shipment pages: the list, a new shipment (standalone or from a deal), the detail with its timeline
(planned against actual, delays marked, progress along the legs) and the forms that post an event,
upload events as CSV, add a leg, a container or a document; the shipper regenerates or revokes the
public link. And the public tracking page ``/logistics/track/<token>/``: milestones only, no account.

Rows come from :mod:`scotemp.logistics.queries.shipments` (404 for anyone not a party)."""

from django.urls import path

from .events import shipment_event, shipment_events_csv
from .pages import shipment_detail, shipment_list, shipment_new
from .parts import (
    shipment_cancel,
    shipment_document,
    shipment_document_upload,
    shipment_equipment,
    shipment_leg,
    shipment_tracking_link,
)
from .public import track

urlpatterns = [
    path("shipments/", shipment_list, name="shipments"),
    path("shipments/new/", shipment_new, name="shipment_new"),
    path("shipments/<uuid:public_id>/", shipment_detail, name="shipment"),
    path("shipments/<uuid:public_id>/events/", shipment_event, name="shipment_event"),
    path("shipments/<uuid:public_id>/events/csv/", shipment_events_csv, name="shipment_events_csv"),
    path("shipments/<uuid:public_id>/legs/", shipment_leg, name="shipment_leg"),
    path("shipments/<uuid:public_id>/equipment/", shipment_equipment, name="shipment_equipment"),
    path("shipments/<uuid:public_id>/documents/", shipment_document_upload, name="shipment_document_upload"),
    path(
        "shipments/<uuid:public_id>/documents/<uuid:document_id>/",
        shipment_document,
        name="shipment_document",
    ),
    path("shipments/<uuid:public_id>/tracking-link/", shipment_tracking_link, name="shipment_tracking_link"),
    path("shipments/<uuid:public_id>/cancel/", shipment_cancel, name="shipment_cancel"),
    path("track/<str:token>/", track, name="track"),
]
