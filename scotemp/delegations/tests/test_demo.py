"""The demo delegations: an inbound delegation from Uzbekistan with Li Wei's company hosting a meeting,
the demo forum in its programme, an MoU and an RFQ as outcomes; an outbound one to Almaty hosted by
Aigerim's company; nothing duplicated when seeded again."""

import pytest

from scotemp.accounts.models import Organization
from scotemp.delegations.models import Delegation, DelegationMember, Outcome, ProgrammeItem
from scotemp.demo.delegations import (
    AIGERIM_ORG,
    INBOUND_TITLE_EN,
    LIWEI_ORG,
    OUTBOUND_TITLE_EN,
    seed_delegations,
)
from scotemp.demo.events_keys import forum_event
from scotemp.demo.organizations import plan_organizations
from scotemp.reference.models import Country
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_orgs(db):
    countries = {code: Country.objects.get(iso2=code) for code in ("CN", "KZ", "UZ")}
    OrganizationFactory(name=LIWEI_ORG, country=countries["CN"])
    OrganizationFactory(name=AIGERIM_ORG, country=countries["KZ"])
    for spec in plan_organizations():
        if (spec.country == "UZ" and spec.sector in {"cotton", "fruit", "textiles"}) or (
            spec.country == "CN" and spec.sector in {"food", "grain"}
        ):
            OrganizationFactory(name=spec.name, name_latin=spec.name_latin, country=countries[spec.country])


def counts():
    return [m.objects.count() for m in (Delegation, DelegationMember, ProgrammeItem, Outcome)]


def test_seeding_twice_creates_the_two_delegations_once(demo_orgs):
    seed_delegations()
    first = counts()
    seed_delegations()
    assert counts() == first

    inbound = Delegation.objects.get(title_en=INBOUND_TITLE_EN)
    assert inbound.direction == "inbound" and inbound.country_id == "UZ" and inbound.published
    assert inbound.members.filter(organization__country_id="UZ").count() >= 3
    liwei = Organization.objects.get(name=LIWEI_ORG)
    assert inbound.programme.filter(host=liwei, kind="meeting").exists()
    assert inbound.programme.filter(kind="site_visit").exists()
    assert inbound.programme.filter(event=forum_event()).exists()
    assert set(inbound.outcomes.values_list("kind", flat=True)) == {"mou", "rfq"}
    for item in inbound.programme.all():
        assert inbound.starts_on <= item.day <= inbound.ends_on

    outbound = Delegation.objects.get(title_en=OUTBOUND_TITLE_EN)
    assert outbound.direction == "outbound" and outbound.country_id == "KZ" and outbound.status == "planned"
    assert outbound.members.get(organization__name=AIGERIM_ORG).role == "host"
    assert list(outbound.cities.values_list("locode", flat=True)) == ["KZALA"]
