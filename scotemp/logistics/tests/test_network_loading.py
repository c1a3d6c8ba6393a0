"""Loading the corridor network from data/ and the operator's CSV import."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from scotemp.logistics.actions.network import import_legs, leg_confidence, load_network
from scotemp.logistics.choices import Confidence, NodeCodeStatus
from scotemp.logistics.models import Co2Factor, Corridor, Leg, Node

pytestmark = pytest.mark.django_db


def test_network_is_loaded_with_names_coordinates_and_provenance():
    assert Node.objects.count() == 35
    assert Leg.objects.count() == 34
    assert Corridor.objects.count() == 13
    dostyk = Node.objects.get(code="KZ-DOSTYK")
    assert dostyk.code_status == NodeCodeStatus.PLATFORM and not dostyk.is_unlocode
    assert dostyk.location is None
    assert (dostyk.name_ru, dostyk.name_zh_hans) == ("Достык", "多斯特克")
    assert dostyk.coordinates_source and dostyk.latitude is not None
    chongqing = Node.objects.get(code="CNCKG")
    assert chongqing.location_id == "CNCKG" and chongqing.code_status == NodeCodeStatus.UNLOCODE
    assert chongqing.coordinates_source == "reference.Location CNCKG"
    assert Node.objects.get(code="KZALA").code_status == NodeCodeStatus.UNLOCODE_UNVERIFIED
    for node in Node.objects.all():
        assert node.name_en and node.name_ru and node.name_zh_hans, node.code
        assert (node.latitude is None) == (node.coordinates_source in ("", "not found: left blank")), (
            node.code
        )
    # No platform code is stored as a UN/LOCODE place.
    assert not Node.objects.filter(code_status=NodeCodeStatus.PLATFORM, location__isnull=False).exists()


def test_blank_figures_stay_blank_and_confidence_follows_the_source_text():
    leg = Leg.objects.get(origin="CNCKG", destination="CNAKL")
    assert leg.distance_km is None and leg.days_min is None and leg.days_max is None
    assert (
        Leg.objects.get(origin="PLMAA", destination="DEDUI").confidence == Confidence.UNVERIFIED
    )  # blank source
    qinzhou = Leg.objects.get(origin="CNCKG", destination="CNQZH")
    assert (qinzhou.confidence, qinzhou.source_date, qinzhou.days_max) == (
        Confidence.REPORTED,
        "2019-04-29",
        2,
    )
    assert Leg.objects.get(origin="CNQZH", destination="SGSIN").confidence == Confidence.DERIVED
    assert Leg.objects.get(origin="RU-ZABAIKALSK").confidence == Confidence.PROXY
    assert leg_confidence("general: 1435/1520 mm") == Confidence.UNVERIFIED
    assert Corridor.objects.get(code="C02").confidence == Confidence.UNVERIFIED  # "partial", no figures
    assert Corridor.objects.get(code="C06").days_max == 12


def test_one_default_co2_factor_per_mode_and_none_for_inland_waterway():
    defaults = {f.mode: f for f in Co2Factor.objects.filter(is_default=True)}
    assert set(defaults) == {"rail", "road", "air", "sea"}
    assert all("per tonne-km" in f.unit and f.value is not None for f in defaults.values())
    assert defaults["sea"].source_date == "2023"  # the most recent per tonne-km, not the per TEU-km one
    assert Co2Factor.objects.get(mode="inland_waterway").value is None


def test_loading_twice_changes_nothing():
    before = list(Leg.objects.order_by("pk").values())
    load_network()
    load_network()
    assert list(Leg.objects.order_by("pk").values()) == before
    assert Node.objects.count() == 35 and Co2Factor.objects.filter(is_default=True).count() == 4


HEADER = "from,to,mode,distance_km,days_min,days_max,gauge_change,border_crossing,source\n"


def test_import_adds_and_updates_legs():
    count = import_legs(
        HEADER + "CNCKG,CNAKL,rail,3600,5,6,no,no,Operator survey 2026-11-30\nCNURM,CNAKL,rail,,,,no,no,\n"
    )
    assert count == 2
    leg = Leg.objects.get(origin="CNCKG", destination="CNAKL")
    assert (leg.distance_km, leg.confidence, leg.source_date) == (3600, Confidence.REPORTED, "2026-11-30")
    assert Leg.objects.get(origin="CNURM").confidence == Confidence.UNVERIFIED


def test_import_refuses_the_whole_file_naming_row_and_column(tmp_path):
    before = Leg.objects.count()
    text = (
        HEADER
        + "CNCKG,CNURM,rail,100,1,2,no,no,x\nCNCKG,XXXXX,rail,,,,no,no,\n"
        + "CNCKG,CNURM,boat,,,,no,no,\nCNCKG,CNURM,rail,-5,,,no,no,\n"
    )
    with pytest.raises(ValidationError) as error:
        import_legs(text)
    messages = error.value.messages
    assert len(messages) == 3
    assert "3" in messages[0] and "to" in messages[0] and "XXXXX" in messages[0]
    assert "mode" in messages[1] and "distance_km" in messages[2]
    assert Leg.objects.count() == before
    path = tmp_path / "legs.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_network", str(path))
    assert not Leg.objects.filter(origin="CNCKG", destination="CNURM").exists()


def test_import_refuses_a_file_without_the_columns():
    with pytest.raises(ValidationError) as error:
        import_legs("a,b\n1,2\n")
    assert "distance_km" in error.value.messages[0]


def test_admin_lists_the_network_and_a_save_rebuilds_the_planner(client, django_user_model):
    from scotemp.logistics.queries import routes
    from scotemp.logistics.queries.routes import graph

    admin = django_user_model.objects.create_superuser(email="root@scotemp.org", password="x" * 20)
    client.force_login(admin)
    for model in ("node", "leg", "corridor", "co2factor"):
        assert client.get(f"/admin/logistics/{model}/").status_code == 200, model
    leg = Leg.objects.get(origin="CNCKG", destination="CNQZH")
    assert client.get(f"/admin/logistics/leg/{leg.pk}/change/").status_code == 200
    graph.forget()
    assert routes.transit_between("CNCKG", "CNQZH") == (2, 2)
    data = {
        "origin": "CNCKG", "destination": "CNQZH", "mode": "rail", "distance_km": "1300", "days_min": "3",
        "days_max": "4", "source": "Operator 2026-12-04", "source_date": "2026-12-04",
        "confidence": "reported", "notes": "",
    }  # fmt: skip
    response = client.post(f"/admin/logistics/leg/{leg.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert routes.transit_between("CNCKG", "CNQZH") == (3, 4)
