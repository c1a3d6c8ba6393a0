"""Seed the demo: the personas, about 300 organizations across the SCO region, their trade leads and a
pipeline of requests, quotations and deals (scotemp/demo/deals/).

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
from scotemp.committees.queries import hs_scope_index
from scotemp.demo.committees_work import seed_committees_work
from scotemp.demo.deals import seed_deals
from scotemp.demo.delegations import seed_delegations
from scotemp.demo.events import seed_events
from scotemp.demo.events_b2b import seed_events_b2b
from scotemp.demo.events_schedule import seed_events_schedule
from scotemp.demo.imports import seed_imports
from scotemp.demo.leads import seed_leads
from scotemp.demo.logistics_costs import seed_landed_cost_demo
from scotemp.demo.logistics_freight import seed_logistics_freight
from scotemp.demo.logistics_shipments import seed_shipments
from scotemp.demo.organizations import (
    SECRETARIES,
    SECRETARY_COUNTRY,
    committees_to_join,
    plan_organizations,
    sector_by_organization,
)
from scotemp.demo.people import person_name
from scotemp.demo.personas import PERSONA_PASSWORD, PERSONAS
from scotemp.demo.profiles import seed_profiles
from scotemp.demo.projects import seed_projects
from scotemp.demo.sectors import SECTOR_CITY
from scotemp.demo.seed_verification import seed_verification
from scotemp.directory.search import reindex_all
from scotemp.reference.models import Country, Location

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


class Command(BaseCommand):
    help = "Create the demo personas and ~300 organizations (deterministic, idempotent)."

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        self.verbosity = verbosity
        self.created = {"users": 0, "organizations": 0, "memberships": 0, "committee memberships": 0}
        if not Country.objects.filter(iso2="CN").exists():
            raise CommandError("Reference data is missing: run `python manage.py load_reference` first.")
        self.committees = {c.slug: c for c in Committee.objects.all()}
        slugs = {c.id: slug for slug, c in self.committees.items()}
        self.scope_index = {code: slugs[pk] for code, pk in hs_scope_index().items()}
        # One hash for every demo account: hashing 400 passwords would take most of a minute.
        self.password_hash = make_password(PERSONA_PASSWORD)
        with transaction.atomic():
            self.seed_personas()
            self.seed_organizations()
            self.seed_secretaries()
            seed_profiles(self.log)
            seed_verification(self.log)
            # Last, so the directory index sees every name, description and city written above.
            reindex_all()
        seed_leads(log=self.log)  # about 5,000 trade leads, indexed and matched (scotemp/demo/leads/)
        deals = seed_deals(log=self.log)  # FX demo rates, then requests and deals in every state
        self.created.update(deals)
        self.created.update(seed_landed_cost_demo(log=self.log))  # Li Wei's RFQ: other Incoterms rules
        self.created.update(seed_logistics_freight(log=self.log))  # lane rates, offers, a booked quote
        self.created.update(seed_shipments(log=self.log))  # logistics: shipments along three corridors
        self.created.update(seed_committees_work(log=self.log))  # committees: charter, plan, KPIs, news
        self.created.update(seed_imports(log=self.log))  # import zone: showcase offers, Chongqing demand
        self.created.update(seed_events(log=self.log))  # events: the Chongqing forum, committee events
        self.created.update(seed_events_b2b(log=self.log))  # events: B2B meetings (forum, past session)
        self.created.update(seed_projects(log=self.log))  # cooperation projects at every stage
        self.created.update(seed_delegations(log=self.log))  # delegations: from Tashkent, to Almaty
        self.created.update(seed_events_schedule(log=self.log))  # events: the forum's B2B schedule, last
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

    def organization(
        self, *, name, name_latin, country, org_type, city=None, website="", description="", trading_names=""
    ):
        org, created = Organization.objects.get_or_create(
            name=name,
            country_id=country,
            defaults={
                "name_latin": name_latin,
                "trading_names": trading_names,
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
        cities = {}
        for loc in Location.objects.filter(curated=True).order_by("locode"):  # named in zh and ru
            cities.setdefault(loc.country_id, []).append(loc)
        specs = plan_organizations()
        for done, spec in enumerate(specs, start=1):
            rng = random.Random(f"org:{spec.country}:{spec.name}")
            city = rng.choice(cities[spec.country]) if cities.get(spec.country) else None
            home = SECTOR_CITY.get((spec.sector, spec.country))
            if home:
                city = next((loc for loc in cities.get(spec.country, []) if loc.locode == home), city)
            org = self.organization(
                name=spec.name,
                name_latin=spec.name_latin,
                country=spec.country,
                org_type=spec.type,
                city=city,
                trading_names=spec.trading_names,
            )
            language = LANGUAGE_BY_COUNTRY.get(spec.country, "en")
            domain = f"{spec.slug}.{spec.country.lower()}.demo"
            owner = self.user(f"owner@{domain}", person_name(spec.country, rng), language)
            self.member(owner, org, "owner")
            if done % 3 == 1:
                staff = self.user(f"sales@{domain}", person_name(spec.country, rng), language)
                self.member(staff, org, "member")
            for slug in committees_to_join(spec, self.scope_index):
                self.join(org, slug, approved=rng.random() > 0.12)
            if done % 50 == 0 or done == len(specs):
                self.log(f"  organizations {done}/{len(specs)}")

    def secretaries(self) -> dict[str, tuple[str, str, str]]:
        """The demo secretaries (``SECRETARIES``), and one made up for any committee that has neither
        one of them nor a persona as its secretary (a committee added to the data later): a Chinese or
        Russian name, alternately, deterministic by the committee's slug."""
        planned = dict(SECRETARIES)
        personas = {p.get("secretary_of") for p in PERSONAS}
        missing = sorted(slug for slug in self.committees if slug not in planned and slug not in personas)
        for i, slug in enumerate(missing):
            language = ("zh-hans", "ru")[i % 2]
            name = person_name(SECRETARY_COUNTRY[language], random.Random(f"secretary:{slug}"))
            planned[slug] = (f"secretary.{slug}@demo.scotemp.org", name, language)
        return planned

    def seed_secretaries(self):
        """A secretary for every committee without one: a staff member of one of its member
        organizations of the secretary's country (Chinese or Russian)."""
        sectors = sector_by_organization()
        for slug, (email, full_name, language) in self.secretaries().items():
            committee = self.committees.get(slug)
            if committee is None or committee.secretary_id is not None:
                continue
            members = (
                CommitteeMembership.objects.filter(
                    committee=committee,
                    status=CommitteeMembershipStatus.APPROVED,
                    organization__country_id=SECRETARY_COUNTRY[language],
                )
                .select_related("organization")
                .order_by("organization__name")
            )
            host = next(
                (
                    m.organization
                    for m in members
                    if (m.organization.country_id, m.organization.name) in sectors
                ),
                None,
            )
            user = self.user(email, full_name, language)
            if host is not None:
                self.member(user, host, "member")
            committee.secretary = user
            committee.save(update_fields=["secretary"])
            CommitteeMembership.objects.filter(committee=committee, decided_by=None).exclude(
                status=CommitteeMembershipStatus.PENDING
            ).update(decided_by=user)
