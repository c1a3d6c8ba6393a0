"""Building blocks for the freight tests: provider organizations (a directory profile with a provider
activity), lane rates, a request from li_wei's Chongqing importer and quotes — all through the actions."""

import datetime
from decimal import Decimal

from django.utils import timezone

from scotemp.directory.models import OrganizationProfile, ProfileActivity
from scotemp.logistics.actions import freight as actions
from scotemp.reference.models import Country, Currency, HSCode, Location
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


def make_provider(name, country="KZ", activity="forwarder", email=None):
    """A provider organization and its owner."""
    org = OrganizationFactory(name=name, country=Country.objects.get(iso2=country))
    profile = OrganizationProfile.objects.create(organization=org)
    ProfileActivity.objects.create(profile=profile, activity=activity)
    user = UserFactory(email=email or f"{name.lower().replace(' ', '.')}@example.test")
    MembershipFactory(user=user, organization=org, role="owner")
    return org, user


def make_provider_of(org, activity="forwarder"):
    profile, _ = OrganizationProfile.objects.get_or_create(organization=org)
    ProfileActivity.objects.get_or_create(profile=profile, activity=activity)
    return org


def lane_values(**overrides) -> dict:
    today = timezone.localdate()
    values = {
        "origin": Location.objects.get(locode="CNCKG"),
        "destination": Location.objects.get(locode="RUMOW"),
        "mode": "rail",
        "equipment": "40GP",
        "basis": "container",
        "price": Decimal("7200"),
        "currency": Currency.objects.get(code="USD"),
        "transit_days_min": 16,
        "transit_days_max": 20,
        "valid_from": today,
        "valid_until": today + datetime.timedelta(days=60),
        "conditions": "",
    }
    values.update(overrides)
    return values


def request_values(**overrides) -> dict:
    today = timezone.localdate()
    values = {
        "origin": Location.objects.get(locode="CNCKG"),
        "destination": Location.objects.get(locode="RUMOW"),
        "goods": "Aluminium ingots",
        "hs_code": HSCode.objects.get(code="7601"),
        "weight_kg": Decimal("22000"),
        "volume_m3": None,
        "equipment": "40GP",
        "units": 2,
        "ready_date": today + datetime.timedelta(days=10),
        "incoterm": None,
        "notes": "",
    }
    values.update(overrides)
    return values


def quote_values(**overrides) -> dict:
    today = timezone.localdate()
    values = {
        "price": Decimal("7100"),
        "currency": Currency.objects.get(code="USD"),
        "basis": "container",
        "transit_days_min": 16,
        "transit_days_max": 19,
        "valid_until": today + datetime.timedelta(days=14),
        "conditions": "Door to terminal.",
    }
    values.update(overrides)
    return values


def send_request(user, shipper, *providers, **overrides):
    return actions.send_freight_request(
        user, shipper, request_values(**overrides), [p.public_id for p in providers]
    )
