"""Demo cooperation projects at every stage, among the demo's fictitious organizations:

- education services: a Chongqing vocational school and a Kazakh language school training Kazakh
  students in Chinese and in logistics trades (implementing);
- aluminium: an aluminium processing joint venture of a Chongqing light-alloy maker and a Kazakh
  aluminium company, with the aluminium industry association (the committee secretary's) as adviser
  (agreement signed);
- agricultural supply chain: a cold chain for Kazakh grain and Uzbek fruit into Chongqing, owned by
  Li Wei's company with Aigerim's as partner, signed at the committee's B2B session (implementing);
- and one project at each other stage: an idea (a draft of Aigerim's company), partners sought (with
  Li Wei's company's request pending), negotiating, completed and stopped; and two more running ones
  (small hydropower turbines, a bonded warehouse at Khorgos) so the showcase has several quarters,
  countries and currencies.

The forum of the demo is still to come, so agreements signed "at an event" were signed at the past
B2B session of the agricultural supply chain committee. Values are round figures of the size such
projects have; nothing here describes a real institution.

The projects themselves are data, in :mod:`scotemp.demo.projects_data`.

Deterministic and idempotent: projects are found by their English title, partners by organization,
milestones by title; only what is missing is created, so a second run changes nothing. Rows are
written directly (no notices): the demo should not e-mail its organizations."""

import datetime

from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.committees.models import Committee
from scotemp.demo.events import AGRI_TITLE_EN
from scotemp.demo.organizations import plan_organizations
from scotemp.events.models import Event
from scotemp.projects.choices import MilestoneStatus, PartnerStatus, ProjectStage
from scotemp.projects.models import Milestone, Project, ProjectPartner

from .projects_data import PROJECTS, day_of_2026


def _organizations() -> dict:
    specs: dict[tuple[str, str], list[str]] = {}
    for spec in plan_organizations():
        specs.setdefault((spec.country, spec.sector), []).append(spec.name)
    return specs


def _resolve(ref, specs):
    if ref[0] == "persona":
        membership = (
            Membership.objects.filter(user__email=ref[1])
            .select_related("organization")
            .order_by("pk")
            .first()
        )
        return membership.organization if membership else None
    _kind, country, sector, index = ref
    names = specs.get((country, sector), [])
    if index < len(names):
        org = Organization.objects.filter(country_id=country, name=names[index]).first()
        if org is not None:
            return org
    # Without the demo's organizations (tests): any organization of that country, in a fixed order.
    found = list(Organization.objects.filter(country_id=country).order_by("pk")[:20])
    return found[index % len(found)] if found else None


def _seed_one(spec, specs, committees, event, created) -> None:
    owner = _resolve(spec["owner"], specs)
    if owner is None:
        return
    title_en, title_ru, title_zh = spec["title"]
    if Project.objects.filter(title_en=title_en).exists():
        project = Project.objects.get(title_en=title_en)
    else:
        summary_en, summary_ru, summary_zh = spec["summary"]
        signed_on = None
        if spec["stage"] in (
            ProjectStage.AGREEMENT_SIGNED,
            ProjectStage.IMPLEMENTING,
            ProjectStage.COMPLETED,
        ):
            if spec.get("at_event") and event is not None:
                signed_on = timezone.localdate(event.starts_at)
            else:
                signed_on = day_of_2026(*(spec.get("signed_on") or (6, 1)))
        project = Project(
            owner=owner,
            committee=committees.get(spec["committee"]),
            field=spec["field"],
            stage=spec["stage"],
            published=spec.get("published", True),
            value=spec["value"],
            currency_id=spec["currency"],
            signed_on=signed_on,
            signed_at=event if spec.get("at_event") else None,
            stopped_reason=spec.get("stopped_reason", ""),
            title_en=title_en,
            title_ru=title_ru,
            title_zh_hans=title_zh,
            summary_en=summary_en,
            summary_ru=summary_ru,
            summary_zh_hans=summary_zh,
        )
        project.__dict__["title"] = title_en
        project.__dict__["summary"] = summary_en or summary_ru or summary_zh
        project.save()
        created["projects"] += 1
    for ref, role, status, message in spec["partners"]:
        org = _resolve(ref, specs)
        if org is None or org.pk == owner.pk:
            continue
        _partner, made = ProjectPartner.objects.get_or_create(
            project=project,
            organization=org,
            defaults={
                "role": role,
                "status": status,
                "message": message,
                "decided_at": timezone.now() if status != PartnerStatus.INTERESTED else None,
            },
        )
        created["project partners"] += made
    for position, (title, language, due, status) in enumerate(spec["milestones"], start=1):
        due_on = datetime.date(2026, *due)
        _milestone, made = Milestone.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "language": language,
                "due_on": due_on,
                "status": status,
                "done_on": min(due_on, timezone.localdate()) if status == MilestoneStatus.DONE else None,
                "position": position,
            },
        )
        created["project milestones"] += made


def seed_projects(log=None) -> dict:
    log = log or (lambda message: None)
    created = {"projects": 0, "project partners": 0, "project milestones": 0}
    specs = _organizations()
    committees = {c.slug: c for c in Committee.objects.all()}
    event = Event.objects.filter(title_en=AGRI_TITLE_EN).first()
    with transaction.atomic():
        for spec in PROJECTS:
            _seed_one(spec, specs, committees, event, created)
    log(
        f"Cooperation projects: {created['projects']} new, {created['project partners']} partners, "
        f"{created['project milestones']} milestones."
    )
    return created
