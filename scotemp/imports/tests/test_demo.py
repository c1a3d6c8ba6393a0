"""The demo of the import zone: Kazakh wheat, Uzbek dried fruit and Russian timber in the showcase,
Chongqing buyers' demand, requirements for those goods; idempotent."""

import pytest

from scotemp.demo.imports import OFFERS, REQUESTS, seed_imports
from scotemp.demo.organizations import plan_organizations
from scotemp.demo.sectors import SECTORS
from scotemp.imports.queries import demand_signals, showcase

from .helpers import member_of

pytestmark = pytest.mark.django_db


def _demo_traders():
    """Organizations of the demo's plan whose sector trades the demo's goods (the seeder picks those
    and no others): a seller of each offer's goods in its country, Chinese buyers of each request's."""
    specs = plan_organizations()
    wanted = [(country, "sell", hs) for country, hs, *_rest in OFFERS]
    wanted += [("CN", "buy", hs) for hs, *_rest in REQUESTS]
    made = set()
    for country, kind, hs in wanted:
        for spec in specs:
            sector = SECTORS[spec.sector]
            trades = sector.sells_code(hs) if kind == "sell" else sector.buys_code(hs)
            if spec.country == country and sector.covers(hs) and trades:
                if spec.name not in made:
                    member_of(spec.country, spec.name, city="CNCKG" if country == "CN" else None)
                    made.add(spec.name)
                break


def test_seed_imports(aigerim, kz_org):
    _demo_traders()
    created = seed_imports()
    # Every row has its traders: wheat, dried fruit and timber (the timber sectors' sawmills and
    # Chongqing furniture makers).
    assert created == {"showcase offers": 6, "demand requests": 8}
    groups = {(g.country.pk, g.chapter_code) for g in showcase().groups}
    assert {("KZ", "10"), ("UZ", "08"), ("RU", "44"), ("BY", "44")} <= groups
    for group in showcase().groups:
        assert group.checklist.recorded, (group.country.pk, group.chapter_code)
    demand = demand_signals()
    wheat = [r for r in demand.rows if r.heading == "1001" and r.origin and r.origin.pk == "KZ"]
    assert any(r.requests >= 2 and r.amounts[0].precise for r in wheat), "a sum over several buyers"
    assert all(r.cities for r in demand.rows), "the buyers' city is shown"
    timber = {r.heading for r in demand.rows if r.heading.startswith("44")}
    assert timber == {"4407", "4412"}, "sawn wood and plywood, no logs"
    assert seed_imports() == {"showcase offers": 0, "demand requests": 0}, "idempotent"


def test_every_good_of_the_demo_has_maintained_requirements():
    """The demo's goods each have rows (loaded from ``data/requirements.csv``); the sawn wood's
    phytosanitary certificate and the wood packaging rule are sourced, and no log is offered (Russia
    has banned exporting unprocessed coniferous logs since 2022)."""
    from scotemp.imports.queries import requirements_for

    codes = {hs for _c, hs, *_rest in OFFERS} | {hs for hs, *_rest in REQUESTS}
    for code in codes:
        assert requirements_for(code).recorded, code
    assert not [code for code in codes if code.startswith("4403")]
    sawn = {item.requirement.kind: item.requirement for item in requirements_for("440712").applicable}
    assert sawn["quarantine"].is_verified and sawn["quarantine"].source_url
    assert sawn["other"].key == "44-wood-packaging" and sawn["other"].is_verified
    plywood = {item.requirement.kind: item.requirement for item in requirements_for("441233").applicable}
    assert not plywood["quarantine"].is_verified  # what customs asks for plywood was not verified
