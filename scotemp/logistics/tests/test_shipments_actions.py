"""Shipment actions: equipment numbers, status from events, ETA recomputation, the delay notice once
per slip, out-of-order events, arrival before departure, duplicates, who may post."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from scotemp.core.models import AuditEntry
from scotemp.logistics.actions import shipments as ship_actions
from scotemp.logistics.models import Shipment, TrackingEvent, validate_equipment_number
from scotemp.notifications.models import Notification

from .shipment_helpers import ev, start, wheat_shipment

H = datetime.timedelta(hours=1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(aigerim, kz_org, cn_org):
    return wheat_shipment(aigerim, kz_org, consignee=cn_org)


def test_container_numbers_follow_iso_6346():
    assert validate_equipment_number("40GP", "csqu 305438 3") == "CSQU3054383"
    with pytest.raises(ValidationError) as exc:
        validate_equipment_number("40GP", "CSQU3054384")  # wrong check digit
    assert "number" in exc.value.message_dict
    assert validate_equipment_number("wagon_hopper", "95123456") == "95123456"
    with pytest.raises(ValidationError):
        validate_equipment_number("wagon_hopper", "9512345A")


def test_create_refuses_a_bad_container_and_writes_nothing(aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        ship_actions.create_shipment(
            aigerim,
            shipper=kz_org,
            origin="KZALA",
            destination="CNCKG",
            cargo_description="Wheat",
            equipment=[{"equipment_type": "20GP", "number": "ABCD1234567"}],
        )
    assert "equipment.0.number" in exc.value.message_dict
    assert not Shipment.objects.exists()


def test_create_refuses_unknown_place_and_absurd_weight(aigerim, kz_org):
    for bad, field in (
        ({"origin": "XXXXX"}, "origin"),
        ({"weight_kg": "-5"}, "weight_kg"),
        ({"weight_kg": "1e12"}, "weight_kg"),
    ):
        kwargs = {"origin": "KZALA", "destination": "CNCKG", "cargo_description": "Wheat", **bad}
        with pytest.raises(ValidationError) as exc:
            ship_actions.create_shipment(aigerim, shipper=kz_org, **kwargs)
        assert field in exc.value.message_dict


def test_reference_and_token(shipment):
    assert shipment.reference.startswith(f"SCO-{shipment.created_at.year}-")
    assert len(shipment.tracking_token) >= 32
    assert shipment.status == "booked"
    assert shipment.eta == shipment.planned_arrival


def test_status_follows_actual_events(aigerim, shipment):
    t0 = start()
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "DEPA", t0, "KZALA")])
    assert Shipment.objects.get(pk=shipment.pk).status == "in_transit"
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "XCHD", t0 + 22 * H, "KZ-ALTYNKOL")])
    assert Shipment.objects.get(pk=shipment.pk).status == "customs_hold"
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "XCRL", t0 + 25 * H, "KZ-ALTYNKOL")])
    assert Shipment.objects.get(pk=shipment.pk).status == "in_transit"
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "ARRI", t0 + 118 * H, "CNCKG")])
    shipment.refresh_from_db()
    assert shipment.status == "delivered"
    assert shipment.eta == t0 + 118 * H and shipment.eta_basis == "actual"
    verbs = list(
        AuditEntry.objects.filter(verb="shipment.status_changed").values_list("to_status", flat=True)
    )
    assert verbs == ["in_transit", "customs_hold", "in_transit", "delivered"]


def test_out_of_order_events_fall_into_place(aigerim, shipment):
    t0 = start()
    # The release arrives before the hold it ends: the latest by event time decides.
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "XCRL", t0 + 25 * H, "KZ-ALTYNKOL")])
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "XCHD", t0 + 22 * H, "KZ-ALTYNKOL")])
    shipment.refresh_from_db()
    assert shipment.status == "in_transit"
    times = list(TrackingEvent.objects.filter(shipment=shipment).values_list("event_type", flat=True))
    assert times == ["XCHD", "XCRL"]  # ordered by event time


def test_eta_carries_the_delay_and_notifies_once_per_slip(aigerim, li_wei, shipment):
    t0 = start()
    # Departs 30 h late from Khorgos: ETA = planned arrival + 30 h > threshold 24 h.
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "DEPA", t0 + 70 * H, "CNHRS")])
    shipment.refresh_from_db()
    assert shipment.eta == shipment.planned_arrival + 30 * H and shipment.eta_basis == "delay"
    assert Notification.objects.filter(user=li_wei, kind="logistics.shipment_delayed").count() == 1
    # More events with the same delay: no new notice.
    ship_actions.post_events(
        aigerim, shipment, [ev("ACT", "GTOT", t0 + 71 * H, "CNHRS", equipment_reference="CSQU3054383")]
    )
    assert Notification.objects.filter(user=li_wei, kind="logistics.shipment_delayed").count() == 1
    # A carrier estimate slipping a further 30 h is a new slip: told again.
    ship_actions.post_events(aigerim, shipment, [ev("EST", "ARRI", t0 + 180 * H, "CNCKG")])
    shipment.refresh_from_db()
    assert shipment.eta == t0 + 180 * H and shipment.eta_basis == "estimated"
    assert Notification.objects.filter(user=li_wei, kind="logistics.shipment_delayed").count() == 2
    # The actor is not told what they did themselves.
    assert not Notification.objects.filter(user=aigerim, kind="logistics.shipment_delayed").exists()


def test_resent_events_are_duplicates(aigerim, shipment):
    t0 = start()
    batch = [ev("ACT", "DEPA", t0, "KZALA"), ev("ACT", "LOAD", t0 - H, "KZALA", provider_event_id="x-1")]
    first = ship_actions.post_events(aigerim, shipment, batch)
    again = ship_actions.post_events(aigerim, shipment, [*batch, batch[0]])
    assert (first.created, first.duplicates) == (2, 0)
    assert (again.created, again.duplicates) == (0, 3)
    assert TrackingEvent.objects.filter(shipment=shipment).count() == 2


def test_arrival_before_departure_refused(aigerim, shipment):
    t0 = start()
    ship_actions.post_events(aigerim, shipment, [ev("ACT", "DEPA", t0 + 10 * H, "KZALA")])
    with pytest.raises(ValidationError) as exc:
        ship_actions.post_events(
            aigerim, shipment, [ev("ACT", "GTIN", t0, "KZALA"), ev("ACT", "ARRI", t0 + 5 * H, "KZ-ALTYNKOL")]
        )
    assert list(exc.value.message_dict) == ["events.1.event_at"]
    assert TrackingEvent.objects.filter(shipment=shipment).count() == 1  # the valid one was not kept either


def test_far_future_and_naive_times_refused(aigerim, shipment):
    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as exc:
        ship_actions.post_events(
            aigerim,
            shipment,
            [
                ev("ACT", "DEPA", later, "KZALA"),
                {
                    "classifier": "PLN",
                    "event_type": "ARRI",
                    "event_at": "2026-01-01T10:00:00",
                    "location_code": "CNCKG",
                },
                ev("EST", "ARRI", later + datetime.timedelta(days=900), "CNCKG"),
                ev("ACT", "LOAD", start(), "KZALA", equipment_reference="TGHU0000000"),
            ],
        )
    assert set(exc.value.message_dict) == {
        "events.0.event_at",
        "events.1.event_at",
        "events.2.event_at",
        "events.3.equipment_reference",
    }


def test_only_parties_post(aigerim, li_wei, outsider, shipment):
    t0 = start()
    with pytest.raises(Http404):
        ship_actions.post_events(outsider, shipment, [ev("ACT", "DEPA", t0, "KZALA")])
    with pytest.raises(PermissionDenied):  # the consignee sees it but does not post events
        ship_actions.post_events(li_wei, shipment, [ev("ACT", "DEPA", t0, "KZALA")])


def test_tracking_link_regenerated_and_revoked(aigerim, li_wei, shipment):
    old = shipment.tracking_token
    new = ship_actions.regenerate_tracking_link(aigerim, shipment)
    assert new != old and Shipment.objects.get(pk=shipment.pk).tracking_token == new
    with pytest.raises(PermissionDenied):
        ship_actions.revoke_tracking_link(li_wei, shipment)
    ship_actions.revoke_tracking_link(aigerim, shipment)
    assert Shipment.objects.get(pk=shipment.pk).tracking_token is None


def test_cancelled_shipment_takes_no_events(aigerim, shipment):
    ship_actions.cancel_shipment(aigerim, shipment, "Buyer withdrew")
    shipment.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        ship_actions.post_events(aigerim, shipment, [ev("ACT", "DEPA", start(), "KZALA")])
    assert exc.value.code == "conflict"
