"""Building blocks of the shipments tests: a wheat shipment Almaty → Chongqing via Khorgos."""

import datetime

from django.utils import timezone

from scotemp.logistics.actions import shipments as ship_actions

CONTAINERS = ("CSQU3054383", "MSCU1234566")


def start():
    """A base moment a few days ago, on the hour (events must lie in the recent past)."""
    return (timezone.now() - datetime.timedelta(days=6)).replace(minute=0, second=0, microsecond=0)


def wheat_shipment(user, shipper, consignee=None, provider=None, threshold=24, t0=None):
    t0 = t0 or start()
    h = lambda n: t0 + datetime.timedelta(hours=n)  # noqa: E731
    return ship_actions.create_shipment(
        user,
        shipper=shipper,
        consignee=consignee,
        provider=provider,
        origin="KZALA",
        destination="CNCKG",
        cargo_description="Milling wheat, 3rd class",
        hs_code="100199",
        weight_kg="52000",
        delay_threshold_hours=threshold,
        legs=[
            {
                "mode": "rail",
                "from_code": "KZALA",
                "to_code": "KZ-ALTYNKOL",
                "planned_departure": h(0),
                "planned_arrival": h(20),
            },
            {
                "mode": "rail",
                "from_code": "KZ-ALTYNKOL",
                "to_code": "CNHRS",
                "planned_departure": h(30),
                "planned_arrival": h(32),
            },
            {
                "mode": "rail",
                "from_code": "CNHRS",
                "to_code": "CNCKG",
                "planned_departure": h(40),
                "planned_arrival": h(120),
            },
        ],
        equipment=[{"equipment_type": "40GP", "number": n} for n in CONTAINERS],
    )


def ev(classifier, event_type, at, place, **extra):
    return {
        "classifier": classifier,
        "event_type": event_type,
        "event_at": at.isoformat(),
        "location_code": place,
        **extra,
    }
