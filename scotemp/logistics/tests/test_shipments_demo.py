"""The demo shipments: every state along the three corridors, a delay that notified both parties of
the held wheat train, valid container numbers, and nothing duplicated when ``seed_demo`` runs again."""

import pytest
from django.core.management import call_command
from stdnum import iso6346

from scotemp.logistics.choices.shipments import ShipmentStatus
from scotemp.logistics.models import Shipment, ShipmentEquipment, TrackingEvent
from scotemp.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_shipments_once(unlocode_places):
    call_command("seed_demo", verbosity=0)
    assert set(Shipment.objects.values_list("status", flat=True)) == set(ShipmentStatus.values)
    corridors = set(Shipment.objects.values_list("origin_id", "destination_id"))
    assert {("KZALA", "CNCKG"), ("CNCKG", "DEDUI"), ("CNCKG", "SGSIN")} <= corridors
    assert all(iso6346.is_valid(n) for n in ShipmentEquipment.objects.values_list("number", flat=True))
    assert TrackingEvent.objects.filter(event_type="XGCH", location_code="CNHRS").exists()
    held = Shipment.objects.get(status=ShipmentStatus.CUSTOMS_HOLD)
    assert held.is_late
    notified = set(
        Notification.objects.filter(kind="logistics.shipment_delayed").values_list("user__email", flat=True)
    )
    assert {"aigerim@demo.scotemp.org", "liwei@demo.scotemp.org"} <= notified
    counts = (Shipment.objects.count(), TrackingEvent.objects.count(), Notification.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Shipment.objects.count(), TrackingEvent.objects.count(), Notification.objects.count()) == counts
