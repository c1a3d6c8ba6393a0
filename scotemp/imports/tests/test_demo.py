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
    # The demo's world has no timber trade yet (no sector sells or buys chapter 44): the timber rows
    # wait for one, so that every lead stays within its organization's sector.
    assert created == {"showcase offers": 3, "demand requests": 5}
    groups = {(g.country.pk, g.chapter_code) for g in showcase().groups}
    assert {("KZ", "10"), ("UZ", "08")} <= groups
    for group in showcase().groups:
        assert group.checklist.recorded, (group.country.pk, group.chapter_code)
    demand = demand_signals()
    wheat = [r for r in demand.rows if r.heading == "1001" and r.origin and r.origin.pk == "KZ"]
    assert any(r.requests >= 2 and r.amounts[0].precise for r in wheat), "a sum over several buyers"
    assert all(r.cities for r in demand.rows), "the buyers' city is shown"
    assert seed_imports() == {"showcase offers": 0, "demand requests": 0}, "idempotent"
