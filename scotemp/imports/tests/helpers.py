"""Offers and requests for the import zone tests, made the way the pages make them (LeadForm, then the
trade action)."""

import datetime

from django.utils import timezone

from scotemp.reference.models import Country, Location
from scotemp.trade.tests.lead_data import make_lead, wheat_offer, wheat_request
from tests.factories import MembershipFactory, OrganizationFactory


def member_of(country: str, name: str, city: str | None = None):
    org = OrganizationFactory(
        name=name,
        country=Country.objects.get(iso2=country),
        city=Location.objects.filter(locode=city).first() if city else None,
    )
    user = MembershipFactory(organization=org, role="owner").user
    return user, org


def offer(user, org, **changes):
    """A sell offer from ``org``, of goods of its own country unless told otherwise."""
    changes.setdefault("origin_country", org.country_id)
    return make_lead(user, org, wheat_offer(**changes))


def request(user, org, **changes):
    if changes.get("delivery_from"):
        start = datetime.date.fromisoformat(changes["delivery_from"])
        changes.setdefault("delivery_until", (start + datetime.timedelta(days=30)).isoformat())
    return make_lead(user, org, wheat_request(**changes))


def day_in(months: int) -> str:
    """The first day of the month ``months`` from now, ISO (a delivery date in a known quarter)."""
    today = timezone.localdate()
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, 1).isoformat()
