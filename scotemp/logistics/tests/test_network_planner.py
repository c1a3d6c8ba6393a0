"""The route planner: options, figures that stay unknown, refusals, documents, lane-rate costs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from scotemp.logistics.actions.network import import_legs, network_changed
from scotemp.logistics.queries import routes
from scotemp.logistics.queries.routes import graph

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_network():
    graph.forget()
    network_changed()
    yield
    graph.forget()


def codes(option):
    return [doc.code for doc in option.documents]


def test_chongqing_to_duisburg_follows_the_corridors_with_their_figures():
    plan = routes.plan_routes("CNCKG", "DEDUI", routes.Cargo(hs_code="7601", weight_kg=Decimal(20000)))
    assert 1 <= len(plan.options) <= 5
    via = [option.via for option in plan.options]
    assert ["CNAKL", "KZ-DOSTYK", "BYBQT", "PLMAA"] in via
    c01 = next(o for o in plan.options if o.via == ["CNAKL", "KZ-DOSTYK", "BYBQT", "PLMAA"])
    # The legs publish no days; the corridor C01 does (up to 16 days, no minimum): not invented.
    assert (c01.corridor, c01.transit_basis, c01.transit_days_min, c01.transit_days_max) == (
        "C01",
        "corridor",
        None,
        16,
    )
    assert c01.distance_km == 11179
    assert c01.co2_kg == Decimal("6707.4")  # 20 t × 11,179 km × 30 g/t-km (rail default)
    assert [g for g in c01.gauge_changes] and any("Достык" in g or "Dostyk" in g for g in c01.gauge_changes)
    assert len(c01.gauge_changes) == 2  # Alashankou/Dostyk and Brest/Małaszewicze
    assert {"smgs", "cim_smgs", "origin"} <= set(codes(c01)) and "phyto" not in codes(c01)
    assert c01.cost is None and any("cost" in note.lower() for note in c01.notes)
    # Ranked by time: the option with a known transit comes before the ones without.
    assert plan.options[0].transit_days_max is not None


def test_a_path_without_published_days_stays_unknown():
    plan = routes.plan_routes("CNCKG", "DEHAM")
    for option in plan.options:
        assert option.transit_days_min is None and option.transit_days_max is None
        assert option.transit_basis == "unknown"
        assert any("Transit time unknown" in note for note in option.notes)


def test_gauge_change_at_altynkol_and_wheat_needs_a_phytosanitary_certificate():
    plan = routes.plan_routes("KZALA", "CNCKG", routes.Cargo(hs_code="1001", weight_kg=Decimal(60000)))
    best = plan.options[0]
    assert best.via == ["KZ-ALTYNKOL", "CNHRS"]
    assert len(best.gauge_changes) == 1 and len(best.border_crossings) == 1
    assert {"smgs", "origin", "phyto"} <= set(codes(best))
    assert best.transit_days_max == 11 and best.transit_basis == "corridor"  # C05, proxy
    assert any("proxies" in note for note in best.notes)


def test_inland_waterway_co2_is_unknown_never_guessed():
    import_legs(
        "from,to,mode,distance_km,days_min,days_max,gauge_change,border_crossing,source\n"
        "CNCKG,CNSHA,inland_waterway,2400,10,15,no,no,Operator survey 2026-11-30\n"
    )
    plan = routes.plan_routes("CNCKG", "CNSHA", routes.Cargo(weight_kg=Decimal(1000)))
    river = next(o for o in plan.options if o.modes == ["inland_waterway"])
    assert river.distance_km == 2400 and river.co2_kg is None
    assert (river.transit_days_min, river.transit_days_max) == (10, 15)
    assert any("CO₂ unknown" in note for note in river.notes)


def test_rank_by_co2_puts_known_figures_first():
    import_legs(
        "from,to,mode,distance_km,days_min,days_max,gauge_change,border_crossing,source\n"
        "CNCKG,CNQZH,rail,1200,2,2,no,no,x 2020\nCNQZH,SGSIN,sea,2500,5,6,no,yes,x 2020\n"
    )
    plan = routes.plan_routes("CNCKG", "SGSIN", routes.Cargo(weight_kg=Decimal(10000)), rank="co2")
    first = plan.options[0]
    assert first.co2_kg == Decimal("3480.0")  # 10 t × (1200 × 30 + 2500 × 124.8) g
    assert "bl" in codes(first)


def test_a_place_off_the_network_is_snapped_with_its_distance():
    plan = routes.plan_routes("CNCTU", "KZALA")  # Chengdu: about 270 km from Chongqing
    assert plan.origin.node == "CNCKG" and 200 < plan.origin.distance_km < 350
    assert any("nearest place" in note for note in plan.options[0].notes)


@pytest.mark.parametrize(
    ("origin", "destination", "field", "code"),
    [
        ("KZ-DOSTYK", "DEDUI", "origin", "place_not_locode"),
        ("cn", "DEDUI", "origin", "place_not_locode"),
        ("CNCKG", "ZZZZZ", "destination", "place_unknown"),
        ("CNCKG", "CNCKG", "destination", "no_route"),
    ],
)
def test_bad_places_are_refused_naming_the_field(origin, destination, field, code):
    with pytest.raises(ValidationError) as error:
        routes.plan_routes(origin, destination)
    assert field in error.value.message_dict
    assert error.value.error_dict[field][0].code == code


def test_no_route_when_the_network_does_not_join_the_places():
    from scotemp.logistics.models import Leg

    Leg.objects.filter(destination="LAVTE").delete()
    network_changed()
    with pytest.raises(ValidationError) as error:
        routes.plan_routes("CNCKG", "LAVTE")
    assert error.value.error_dict["destination"][0].code == "no_route"
    assert routes.transit_between("CNCKG", "LAVTE") is None


@pytest.mark.parametrize(
    ("cargo", "field"),
    [
        (routes.Cargo(weight_kg=Decimal(-1)), "weight_kg"),
        (routes.Cargo(weight_kg=Decimal("1e12")), "weight_kg"),
        (routes.Cargo(volume_m3=Decimal(0)), "volume_m3"),
        (routes.Cargo(hs_code="10x"), "hs_code"),
        (routes.Cargo(equipment="spaceship"), "equipment"),
    ],
)
def test_impossible_cargo_is_refused_naming_the_field(cargo, field):
    with pytest.raises(ValidationError) as error:
        routes.plan_routes("CNCKG", "DEDUI", cargo)
    assert list(error.value.message_dict) == [field]


def test_messages_are_translated():
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        routes.plan_routes("CNCKG", "ZZZZZ")
    assert "UN/LOCODE" in error.value.message_dict["destination"][0]
    with translation.override("zh-hans"):
        plan = routes.plan_routes("CNCKG", "DEDUI")
    assert plan.destination.node_name == "杜伊斯堡"


def test_lane_rates_give_the_cost_range_and_the_freight_estimate(kz_org):
    from scotemp.logistics.models import LaneRate

    today = datetime.date.today()
    for price in (4200, 5100):
        LaneRate.objects.create(
            provider=kz_org,
            origin_id="CNCKG",
            destination_id="KZALA",
            mode="rail",
            equipment="40HC",
            basis="container",
            price=Decimal(price),
            currency_id="USD",
            valid_from=today - datetime.timedelta(days=3),
            valid_until=today + datetime.timedelta(days=30),
        )
    plan = routes.plan_routes("CNCKG", "KZALA", routes.Cargo(equipment="40HC", units=2), rank="cost")
    cost = plan.options[0].cost
    assert (cost.min, cost.max, cost.currency, cost.basis, cost.per) == (
        8400,
        10200,
        "USD",
        "lane_rates",
        "shipment",
    )
    estimate = routes.freight_estimate("CNCKG", "KZALA", routes.Cargo(equipment="40HC"))
    assert (estimate.amount_min, estimate.amount_max, estimate.basis) == (4200, 5100, "lane_rates")
    assert routes.freight_estimate("CNCKG", "DEDUI") is None
    assert routes.freight_estimate("CNCKG", "KZALA", routes.Cargo(equipment="20GP")) is None


def test_transit_between_is_cached_and_follows_network_changes():
    # The rail-road corridor via Irkeshtam (7–10 days, proxy) beats the train via Khorgos (up to 12).
    assert routes.transit_between("CNCKG", "UZTAS") == (Decimal(7), Decimal(10))
    import_legs(
        "from,to,mode,distance_km,days_min,days_max,gauge_change,border_crossing,source\n"
        "CNCKG,CNHRS,rail,3000,3,4,no,no,x 2026\nCNHRS,KZ-ALTYNKOL,rail,10,1,1,yes,yes,x 2026\n"
        "KZ-ALTYNKOL,UZTAS,rail,1000,3,4,no,yes,x 2026\n"
    )
    assert routes.transit_between("CNCKG", "UZTAS") == (Decimal(7), Decimal(9))
    reach = routes.reachable_within("CNCKG", Decimal(8))
    assert "KZ-ALTYNKOL" in reach and "UZTAS" not in reach
    assert "UZTAS" in routes.reachable_within("CNCKG", Decimal(12))
