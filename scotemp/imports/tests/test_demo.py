"""The demo of the import zone: Kazakh wheat, Uzbek dried fruit and Russian timber in the showcase,
Chongqing buyers' demand, requirements for those goods; idempotent."""

import pytest

from scotemp.demo.imports import seed_imports
from scotemp.imports.queries import demand_signals, showcase

from .helpers import member_of

pytestmark = pytest.mark.django_db


def test_seed_imports(aigerim, kz_org):
    member_of("UZ", "Samarkand Dried Fruit")
    member_of("RU", "Angara Timber")
    for name in ("重庆粮油", "重庆家具", "重庆食品"):
        member_of("CN", name, city="CNCKG")
    created = seed_imports()
    assert created == {"showcase offers": 5, "demand requests": 7}
    groups = {(g.country.pk, g.chapter_code) for g in showcase().groups}
    assert {("KZ", "10"), ("UZ", "08"), ("RU", "44")} <= groups
    for group in showcase().groups:
        assert group.checklist.recorded, (group.country.pk, group.chapter_code)
    demand = demand_signals()
    wheat = [r for r in demand.rows if r.heading == "1001" and r.origin and r.origin.pk == "KZ"]
    assert any(r.requests >= 2 and r.amounts[0].precise for r in wheat), "a sum over several buyers"
    assert all(r.cities for r in demand.rows), "the buyers' city is shown"
    assert seed_imports() == {"showcase offers": 0, "demand requests": 0}, "idempotent"
