"""Projects for the tests: a draft of kz_org (Aigerim's) built through the actions, and helpers to
walk it to a stage with partners, so each test states only what it changes."""

import datetime

from django.utils import timezone

from scotemp.projects import actions
from scotemp.reference.models import Country
from tests.factories import MembershipFactory, OrganizationFactory

VALUES = {
    "title_en": "Cold chain Almaty–Chongqing",
    "title_ru": "Холодовая цепь Алматы — Чунцин",
    "title_zh_hans": "阿拉木图—重庆冷链",
    "summary_en": "Refrigerated containers.",
    "summary_ru": "Рефрижераторные контейнеры.",
    "summary_zh_hans": "冷藏集装箱。",
    "field": "agriculture",
    "committee": None,
    "value": None,
    "currency": None,
}


def make_project(user, org, **overrides):
    return actions.create_project(user, org, {**VALUES, **overrides})


def partner_org(iso2="UZ", name="Tashkent Fruit"):
    org = OrganizationFactory(name=name, country=Country.objects.get(iso2=iso2))
    user = MembershipFactory(organization=org, role="owner").user
    return org, user


def accepted_partner(owner_user, project, org, user):
    partner = actions.express_interest(user, project.public_id, org)
    return actions.decide_partner(owner_user, project.public_id, partner.public_id, "accept")


def signed(owner_user, project, partners, signed_on=None, **kw):
    """``project`` (published) with ``partners`` [(org, user)] accepted, moved to agreement signed."""
    actions.publish_project(owner_user, project.public_id)
    for org, user in partners:
        accepted_partner(owner_user, project, org, user)
    return actions.change_stage(
        owner_user,
        project.public_id,
        "agreement_signed",
        signed_on=signed_on or timezone.localdate() - datetime.timedelta(days=1),
        **kw,
    )
