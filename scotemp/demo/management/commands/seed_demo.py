"""Seed the demo: the personas, about 300 organizations across the SCO region, their trade leads and a
pipeline of requests, quotations and deals (scotemp/demo/seed_deals.py).

Deterministic (fixed seed) and idempotent: rows are looked up by natural keys (e-mail; name and
country) and only created or updated when they differ, so a second run changes nothing.
"""

import random
import time

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.committees.models import Committee, CommitteeMembership, CommitteeMembershipStatus
from scotemp.demo.names import company_name
from scotemp.demo.personas import PERSONA_PASSWORD, PERSONAS
from scotemp.demo.seed_deals import seed_deals
from scotemp.demo.seed_leads import seed_leads
from scotemp.demo.seed_profiles import seed_profiles
from scotemp.demo.seed_verification import seed_verification
from scotemp.directory.search import reindex_all
from scotemp.reference.models import Country, Location

SEED = 2026
# Organizations per country: members first, then a few SCO partners.
COUNTRY_MIX = {
    "CN": 90,
    "RU": 45,
    "KZ": 40,
    "UZ": 25,
    "KG": 15,
    "BY": 15,
    "TJ": 12,
    "IN": 15,
    "PK": 12,
    "IR": 10,
    "MN": 5,
    "TR": 5,
    "AZ": 4,
    "AE": 4,
    "SA": 3,
}
LANGUAGE_BY_COUNTRY = {
    "CN": "zh-hans",
    "RU": "ru",
    "KZ": "ru",
    "KG": "ru",
    "TJ": "ru",
    "BY": "ru",
    "UZ": "ru",
    "MN": "ru",
}
# Which committees an organization of a given type tends to join.
COMMITTEES_BY_TYPE = {
    "trader": ["agri-supply-chain", "digital-agri-trade", "ecommerce"],
    "manufacturer": ["aluminium", "mining", "energy", "healthcare", "environment"],
    "logistics": ["logistics"],
    "service_provider": ["logistics", "trade-finance", "ecommerce"],
    "financial": ["trade-finance"],
    "association": ["education", "culture-tourism"],
}


class Command(BaseCommand):
    help = "Create the demo personas and ~300 organizations (deterministic, idempotent)."

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        self.verbosity = verbosity
        self.created = {"users": 0, "organizations": 0, "memberships": 0, "committee memberships": 0}
        if not Country.objects.filter(iso2="CN").exists():
            raise CommandError("Reference data is missing: run `python manage.py load_reference` first.")
        self.committees = {c.slug: c for c in Committee.objects.all()}
        # One hash for every demo account: hashing 400 passwords would take most of a minute.
        self.password_hash = make_password(PERSONA_PASSWORD)
        with transaction.atomic():
            self.seed_personas()
            self.seed_organizations()
            seed_profiles(self.log)
            seed_verification(self.log)
            # Last, so the directory index sees every name, description and city written above.
            reindex_all()
        seed_leads(log=self.log)  # about 5,000 trade leads, indexed and matched (scotemp/demo/seed_leads.py)
        deals = seed_deals(log=self.log)  # FX demo rates, then requests and deals in every state
        self.created.update(deals)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{n} {what}" for what, n in self.created.items())
        self.log(f"Demo data ready in {elapsed:.1f} s: created {summary}.", style=self.style.SUCCESS)

    def log(self, message, style=None):
        if self.verbosity:
            self.stdout.write(style(message) if style else message)

    def user(self, email, full_name, language, **extra):
        user, created = get_user_model().objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "language": language, "password": self.password_hash, **extra},
        )
        if created:
            self.created["users"] += 1
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        return user

    def organization(self, *, name, name_latin, country, org_type, city=None, website="", description=""):
        org, created = Organization.objects.get_or_create(
            name=name,
            country_id=country,
            defaults={
                "name_latin": name_latin,
                "type": org_type,
                "city": city,
                "website": website,
                "description": description,
            },
        )
        self.created["organizations"] += created
        return org

    def member(self, user, org, role):
        _m, created = Membership.objects.get_or_create(user=user, organization=org, defaults={"role": role})
        self.created["memberships"] += created
        if created and user.active_organization_id is None:
            user.active_organization = org
            user.save(update_fields=["active_organization"])

    def join(self, org, slug, approved=True):
        committee = self.committees.get(slug)
        if committee is None:
            return
        status = CommitteeMembershipStatus.APPROVED if approved else CommitteeMembershipStatus.PENDING
        _cm, created = CommitteeMembership.objects.get_or_create(
            committee=committee,
            organization=org,
            defaults={
                "status": status,
                "decided_at": timezone.now() if approved else None,
                "decided_by": committee.secretary if approved else None,
            },
        )
        self.created["committee memberships"] += created

    def seed_personas(self):
        self.log("Personas…")
        for persona in PERSONAS:
            extra = (
                {"is_operator": True, "is_staff": True, "is_superuser": True}
                if persona.get("operator")
                else {}
            )
            user = self.user(persona["email"], persona["full_name"], persona["language"], **extra)
            spec = persona.get("org")
            if spec:
                org = self.organization(
                    name=spec["name"],
                    name_latin=spec["name_latin"],
                    country=spec["country"],
                    org_type=spec["type"],
                    city=Location.objects.filter(locode=spec["city"]).first(),
                    website=spec["website"],
                    description=spec["description"],
                )
                self.member(user, org, "owner")
                for slug in spec["committees"]:
                    self.join(org, slug)
            if persona.get("secretary_of"):
                committee = self.committees.get(persona["secretary_of"])
                if committee is not None and committee.secretary_id != user.pk:
                    committee.secretary = user
                    committee.save(update_fields=["secretary"])

    def seed_organizations(self):
        rng = random.Random(SEED)
        cities = {}
        for loc in Location.objects.filter(curated=True).order_by("locode"):  # named in zh and ru
            cities.setdefault(loc.country_id, []).append(loc)
        total = sum(COUNTRY_MIX.values())
        done = 0
        used_names = set()
        for country, count in COUNTRY_MIX.items():
            for i in range(count):
                name, latin, org_type = company_name(country, rng)
                while (name, country) in used_names:
                    name, latin, org_type = company_name(country, rng)
                used_names.add((name, country))
                city = rng.choice(cities[country]) if cities.get(country) else None
                org = self.organization(
                    name=name, name_latin=latin, country=country, org_type=org_type, city=city
                )
                slug = latin.lower().replace(" ", "-").replace(".", "").replace(",", "").replace("'", "")[:40]
                language = LANGUAGE_BY_COUNTRY.get(country, "en")
                owner = self.user(f"owner@{slug}.{country.lower()}.demo", f"{latin} owner", language)
                self.member(owner, org, "owner")
                if i % 3 == 0:
                    staff = self.user(f"sales@{slug}.{country.lower()}.demo", f"{latin} sales", language)
                    self.member(staff, org, "member")
                choices = COMMITTEES_BY_TYPE.get(org_type, [])
                if choices:
                    self.join(org, rng.choice(choices), approved=rng.random() > 0.15)
                done += 1
                if done % 50 == 0 or done == total:
                    self.log(f"  organizations {done}/{total}")
