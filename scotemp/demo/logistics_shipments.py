"""Demo shipments along three corridors, in every state, with their tracking events:

- wheat trains Almaty (KZALA) → Chongqing (CNCKG) via the Altynkol/Khorgos border (gauge change from
  1,520 to 1,435 mm at Khorgos): Aigerim's grain trader ships to Li Wei's food company, Dmitry's
  forwarder carries. One delivered (its first 30 days back), one held in customs at Khorgos after
  arriving 30 hours late at Altynkol — beyond its 24-hour threshold, so both parties were notified;
- aluminium ingots Chongqing → Duisburg (DEDUI) via Alashankou–Dostyk (gauge change) and
  Brest–Małaszewicze (gauge change back): one in transit and late (the carrier's estimate slipped),
  one cancelled;
- Land–Sea: Chongqing → Qinzhou (CNQZH) by rail, then by sea to Singapore (SGSIN): motorcycles, one in
  transit on time, one booked for next week.

Everything goes through the actions (audit rows, notifications, status and ETA are real); the
events are posted by Dmitry's forwarder as its API would. Times are relative to now (events must lie
in the recent past). Idempotent: a shipment whose shipper and cargo description exist is skipped;
deterministic: the same organizations (personas, then demo organizations by sector and Latin name)
and the same container numbers (ISO 6346 check digits from python-stdnum) every run."""

import datetime

from django.db import transaction
from django.utils import timezone
from stdnum import iso6346

from scotemp.accounts.models import Membership, Organization
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.personas import PERSONAS
from scotemp.logistics.actions import shipments as actions
from scotemp.logistics.models import Shipment
from scotemp.reference.models import Location

D = datetime.timedelta(days=1)
H = datetime.timedelta(hours=1)


def container(owner: str, serial: int) -> str:
    """A valid ISO 6346 number: owner code + U, six digits, the computed check digit."""
    body = f"{owner}U{serial:06d}"
    return body + iso6346.calc_check_digit(body)


def _persona(key: str) -> tuple:
    persona = next(p for p in PERSONAS if p["key"] == key)
    org = Organization.objects.get(name=persona["org"]["name"], country_id=persona["org"]["country"])
    user = Membership.objects.filter(organization=org, user__email=persona["email"]).get().user
    return user, org


def _sector_org(country: str, sector: str) -> tuple:
    names = sorted(
        name for (c, name), key in sector_by_organization().items() if c == country and key == sector
    )
    persona_names = {p["org"]["name"] for p in PERSONAS if p.get("org")}
    org = (
        Organization.objects.filter(country_id=country, name__in=names)
        .exclude(name__in=persona_names)
        .order_by("name_latin", "pk")
        .first()
    )
    owner = (
        Membership.objects.filter(organization=org, role="owner")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return owner.user, org


def _legs(codes_modes, t0, hours):
    """Legs between consecutive ``codes`` with planned times ``t0 + hours[i]``."""
    legs = []
    for i, (a, b, mode) in enumerate(codes_modes):
        legs.append(
            {
                "mode": mode,
                "from_code": a,
                "to_code": b,
                "planned_departure": t0 + hours[i][0] * H,
                "planned_arrival": t0 + hours[i][1] * H,
            }
        )
    return legs


WHEAT_ROUTE = [("KZALA", "KZ-ALTYNKOL", "rail"), ("KZ-ALTYNKOL", "CNHRS", "rail"), ("CNHRS", "CNCKG", "rail")]
WHEAT_PLAN = [(0, 20), (28, 30), (40, 130)]
ALU_ROUTE = [
    ("CNCKG", "CNAKL", "rail"),
    ("CNAKL", "KZ-DOSTYK", "rail"),
    ("KZ-DOSTYK", "BYBQT", "rail"),
    ("BYBQT", "PLMAA", "rail"),
    ("PLMAA", "DEDUI", "rail"),
]
ALU_PLAN = [(0, 70), (80, 84), (96, 300), (310, 314), (330, 400)]
LANDSEA_ROUTE = [("CNCKG", "CNQZH", "rail"), ("CNQZH", "SGSIN", "sea")]
LANDSEA_PLAN = [(0, 50), (72, 180)]


def _wheat_delivered(t0):
    return [
        ("ACT", "STUF", 0 - 20, "KZALA", 0),
        ("ACT", "GTIN", 0 - 10, "KZALA", 0),
        ("ACT", "LOAD", 0 - 5, "KZALA", 0),
        ("ACT", "DEPA", 1, "KZALA", None),
        ("ACT", "ARRI", 21, "KZ-ALTYNKOL", None),
        ("ACT", "XBOR", 27, "KZ-ALTYNKOL", None),
        ("ACT", "DEPA", 28, "KZ-ALTYNKOL", None),
        ("ACT", "ARRI", 31, "CNHRS", None),
        ("ACT", "XGCH", 34, "CNHRS", 0),
        ("ACT", "XCHD", 35, "CNHRS", None),
        ("ACT", "XCRL", 39, "CNHRS", None),
        ("ACT", "DEPA", 42, "CNHRS", None),
        ("EST", "ARRI", 132, "CNCKG", None),
        ("ACT", "ARRI", 131, "CNCKG", None),
        ("ACT", "DISC", 134, "CNCKG", 0),
        ("ACT", "GTOT", 140, "CNCKG", 0),
    ]


def _wheat_held(t0):
    return [
        ("ACT", "LOAD", -4, "KZALA", 0),
        ("ACT", "DEPA", 2, "KZALA", None),
        ("ACT", "ARRI", 50, "KZ-ALTYNKOL", None),  # 30 h later than planned: beyond the threshold
        ("ACT", "XBOR", 58, "KZ-ALTYNKOL", None),
        ("ACT", "DEPA", 59, "KZ-ALTYNKOL", None),
        ("ACT", "ARRI", 61, "CNHRS", None),
        ("ACT", "XGCH", 64, "CNHRS", 1),
        ("ACT", "XCHD", 66, "CNHRS", None),
    ]


def _alu_late(t0):
    return [
        ("ACT", "STUF", -30, "CNCKG", 0),
        ("ACT", "GTIN", -20, "CNCKG", 0),
        ("ACT", "LOAD", -6, "CNCKG", 0),
        ("ACT", "DEPA", 0, "CNCKG", None),
        ("ACT", "ARRI", 74, "CNAKL", None),
        ("ACT", "XBOR", 90, "CNAKL", None),
        ("ACT", "XGCH", 100, "KZ-DOSTYK", 0),
        ("ACT", "DEPA", 104, "KZ-DOSTYK", None),  # 24 h late
        ("EST", "ARRI", 460, "DEDUI", None),  # the carrier now expects 60 h late
    ]


def _landsea_transit(t0):
    return [
        ("ACT", "GTIN", -12, "CNCKG", 0),
        ("ACT", "LOAD", -4, "CNCKG", 0),
        ("ACT", "DEPA", 0, "CNCKG", None),
        ("ACT", "ARRI", 49, "CNQZH", None),
        ("ACT", "DISC", 52, "CNQZH", 0),
        ("ACT", "LOAD", 68, "CNQZH", 0),
        ("ACT", "DEPA", 73, "CNQZH", None),
    ]


def _landsea_booked(t0):
    return [("PLN", "DEPA", 0, "CNCKG", None), ("PLN", "ARRI", 180, "SGSIN", None)]


def _specs(now):
    """(key, start, builder of parties, corridor, cargo, equipment, events, then)."""
    return [
        {
            "cargo": "Пшеница мягкая 3 класса, 3 × 20′ контейнера (демо: доставлена)",
            "parties": lambda: (_persona("aigerim"), _persona("liwei"), _persona("dmitry")),
            "t0": now - 40 * D,
            "route": WHEAT_ROUTE,
            "plan": WHEAT_PLAN,
            "hs": "100199",
            "weight": "66000",
            "equipment": [("20GP", container("AKT", 100 + i)) for i in range(3)],
            "events": _wheat_delivered,
            "threshold": 24,
        },
        {
            "cargo": "Пшеница мягкая 3 класса, 2 × 20′ контейнера (демо: задержка на таможне)",
            "parties": lambda: (_persona("aigerim"), _persona("liwei"), _persona("dmitry")),
            "t0": now - 4 * D,
            "route": WHEAT_ROUTE,
            "plan": WHEAT_PLAN,
            "hs": "100199",
            "weight": "44000",
            "equipment": [("20GP", container("AKT", 200 + i)) for i in range(2)],
            "events": _wheat_held,
            "threshold": 24,
        },
        {
            "cargo": "铝锭 A00，2 × 40′ 集装箱（演示：运输中，延误）",
            "parties": lambda: (_sector_org("CN", "aluminium"), None, _persona("dmitry")),
            "consignee_name": "Duisburg Metallhandel GmbH (demo)",
            "t0": now - 6 * D,
            "route": ALU_ROUTE,
            "plan": ALU_PLAN,
            "hs": "760110",
            "weight": "50000",
            "equipment": [("40GP", container("CQA", 300 + i)) for i in range(2)],
            "events": _alu_late,
            "threshold": 36,
        },
        {
            "cargo": "铝锭 A00，1 × 40′ 集装箱（演示：已取消）",
            "parties": lambda: (_sector_org("CN", "aluminium"), None, _persona("dmitry")),
            "consignee_name": "Duisburg Metallhandel GmbH (demo)",
            "t0": now + 10 * D,
            "route": ALU_ROUTE,
            "plan": ALU_PLAN,
            "hs": "760110",
            "weight": "25000",
            "equipment": [("40GP", container("CQA", 400))],
            "events": None,
            "cancel": "Покупатель перенёс заказ на следующий квартал.",
            "threshold": 36,
        },
        {
            "cargo": "摩托车（CKD 散件），3 × 40′ 高柜（演示：运输中）",
            "parties": lambda: (_sector_org("CN", "motorcycles"), None, _persona("dmitry")),
            "consignee_name": "Lion City Motors Pte. Ltd. (demo)",
            "t0": now - 4 * D,
            "route": LANDSEA_ROUTE,
            "plan": LANDSEA_PLAN,
            "hs": "871120",
            "weight": "21000",
            "equipment": [("40HC", container("CQM", 500 + i)) for i in range(3)],
            "events": _landsea_transit,
            "threshold": 24,
        },
        {
            "cargo": "摩托车（CKD 散件），2 × 40′ 高柜（演示：已订舱）",
            "parties": lambda: (_sector_org("CN", "motorcycles"), None, _persona("dmitry")),
            "consignee_name": "Lion City Motors Pte. Ltd. (demo)",
            "t0": now + 5 * D,
            "route": LANDSEA_ROUTE,
            "plan": LANDSEA_PLAN,
            "hs": "871120",
            "weight": "14000",
            "equipment": [("40HC", container("CQM", 600 + i)) for i in range(2)],
            "events": _landsea_booked,
            "threshold": 24,
        },
    ]


def _build(spec, log) -> bool:
    route = spec["route"]
    ends = {route[0][0], route[-1][1]}
    if Location.objects.filter(pk__in=ends).count() < len(ends):
        # Duisburg and Singapore come with the whole UN/LOCODE list (load_reference without
        # --curated-places-only, as `make demo` runs it), not with the curated places alone.
        log(f"  skipped (places not loaded: {', '.join(sorted(ends))}): {spec['cargo']}")
        return False
    (shipper_user, shipper), consignee_pair, (provider_user, provider) = spec["parties"]()
    if Shipment.objects.filter(shipper=shipper, cargo_description=spec["cargo"]).exists():
        return False
    t0 = spec["t0"].replace(minute=0, second=0, microsecond=0)
    consignee = consignee_pair[1] if consignee_pair else None
    shipment = actions.create_shipment(
        shipper_user,
        shipper=shipper,
        consignee=consignee,
        consignee_name=spec.get("consignee_name", ""),
        provider=provider,
        origin=route[0][0],
        destination=route[-1][1],
        cargo_description=spec["cargo"],
        hs_code=spec["hs"],
        weight_kg=spec["weight"],
        delay_threshold_hours=spec["threshold"],
        legs=_legs(route, t0, spec["plan"]),
        equipment=[{"equipment_type": kind, "number": number} for kind, number in spec["equipment"]],
    )
    if spec.get("events"):
        numbers = [number for _kind, number in spec["equipment"]]
        events = []
        for classifier, code, hours, place, equipment in spec["events"](t0):
            events.append(
                {
                    "classifier": classifier,
                    "event_type": code,
                    "event_at": t0 + hours * H,
                    "location_code": place,
                    "equipment_reference": numbers[equipment] if equipment is not None else "",
                }
            )
        actions.post_events(provider_user, shipment, events)
    if spec.get("cancel"):
        actions.cancel_shipment(shipper_user, shipment, spec["cancel"])
    return True


def seed_shipments(log=None) -> dict:
    """Create the missing demo shipments (see the module docstring); a second run creates none."""
    log = log or (lambda message: None)
    log("Logistics: shipments and tracking events…")
    now = timezone.now()
    created = 0
    for spec in _specs(now):
        with transaction.atomic():
            created += _build(spec, log)
    log(f"Logistics: created {created} shipments.")
    return {"shipments": created}
