"""The demo's organizations make sense: names in their country's script and legal form, free of
program text (the tuple reprs of issue 10), unique; every lead within its organization's sector, offers
from the sectors that sell the goods and requests from those that buy them; every committee with a
secretary and members of its own sector."""

import re
import unicodedata
from collections import Counter

import pytest
from django.core.management import call_command

from scotemp.accounts.models import Organization, User
from scotemp.committees.models import Committee, CommitteeMembership, CommitteeMembershipStatus
from scotemp.committees.queries import committee_id_for_hs, hs_scope_index
from scotemp.demo.names import company_name
from scotemp.demo.organizations import plan_organizations, sector_by_organization
from scotemp.demo.sectors import COMPOSITION, SECTORS
from scotemp.directory.models import ProfileProduct
from scotemp.notifications.kinds import render
from scotemp.notifications.models import Notification
from scotemp.trade.models import Lead
from tests.english import english_in_text

SCRIPT = {
    **dict.fromkeys(["RU", "KZ", "KG", "TJ", "BY", "MN"], "CYRILLIC"),
    "CN": "CJK",
    **dict.fromkeys(["UZ", "IN", "PK", "TR", "AZ"], "LATIN"),
    **dict.fromkeys(["IR", "AE", "SA"], "ARABIC"),
}
# What a Python value printed into a string leaves behind: ('a', 'b'), ['a'], None, escapes.
ARTEFACT = re.compile(
    r"""\(\s*['"]|['"]\s*\)|\[\s*['"]|['"]\s*\]|['"],\s*['"]|\bNone\b|\\[ux]|^\s|\s$|\s\s"""
)
OKINA = "\u02bb"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def scripts_of(text: str) -> set[str]:
    """The scripts of the letters of ``text`` (the Uzbek oʻ/gʻ mark counts as Latin)."""
    found = set()
    for ch in text:
        if ch == OKINA:
            found.add("LATIN")
        elif ch.isalpha():
            name = unicodedata.name(ch, "")
            found.add(next((s for s in ("CYRILLIC", "LATIN", "ARABIC", "CJK") if name.startswith(s)), name))
    return found


def check_name(country: str, name: str, latin: str) -> None:
    assert not ARTEFACT.search(name) and not ARTEFACT.search(latin), (name, latin)
    assert scripts_of(name) == {SCRIPT[country]}, (country, name)
    assert scripts_of(latin) == {"LATIN"} and latin.isascii(), (country, latin)
    if country == "UZ":
        assert "'" not in name and "\u2018" not in name, name  # oʻ and gʻ are written with U+02BB


def test_the_name_check_catches_what_the_demo_showed():
    with pytest.raises(AssertionError):
        check_name(
            "CN", "('乌鲁木齐', 'Urumqi')('嘉陵', 'Jialing')医药有限公司", "Urumqi Jialing Pharmaceutical"
        )
    with pytest.raises(AssertionError):
        check_name("KZ", "Zhenis Astyq LLP", "Zhenis Astyq LLP")  # Latin for a Cyrillic country
    with pytest.raises(AssertionError):
        check_name("UZ", "«Farg'ona Paxta» MChJ", "Fergana Cotton LLC")  # apostrophe for oʻ/gʻ
    check_name("KZ", "ТОО «Жеңіс Астық»", "Zhenis Astyq LLP")


def test_every_planned_name_is_in_its_countrys_script_and_unique():
    specs = plan_organizations()
    assert specs == plan_organizations()  # deterministic
    assert len(specs) == sum(sum(sectors.values()) for sectors in COMPOSITION.values())
    for spec in specs:
        check_name(spec.country, spec.name, spec.name_latin)
        assert spec.sector in SECTORS
    assert not [n for n, k in Counter(s.name for s in specs).items() if k > 1]
    assert not [n for n, k in Counter(s.name_latin.lower() for s in specs).items() if k > 1]
    assert not [n for n, k in Counter(s.slug for s in specs).items() if k > 1]
    kazakh = [s.name for s in specs if s.country == "KZ"]
    assert all(name.startswith(("ТОО «", "АО «")) for name in kazakh)
    assert sum(bool(KAZAKH_LETTERS & set(name)) for name in kazakh) > len(kazakh) / 2
    assert any(OKINA in s.name for s in specs if s.country == "UZ")
    assert all(s.name.endswith(("有限公司", "学校", "中心")) for s in specs if s.country == "CN")
    assert all(s.name.startswith(("ҶДММ «", "ҶСК «")) for s in specs if s.country == "TJ")
    # Trading names for the partners: Russian for Chinese companies, Chinese for Russian and Kazakh ones.
    for spec in specs:
        if spec.trading_names:
            assert not ARTEFACT.search(spec.trading_names), spec.trading_names
            assert scripts_of(spec.trading_names) == {"CN": {"CYRILLIC"}}.get(spec.country, {"CJK"}), spec
    assert all(s.trading_names for s in specs if s.country in ("CN", "RU"))


def test_names_exist_for_every_sector_of_every_country():
    import random

    rng = random.Random(1)
    for country, sectors in COMPOSITION.items():
        for sector in sectors:
            check_name(country, *company_name(country, sector, rng))


@pytest.mark.django_db
def test_the_seeded_demo_makes_sense():
    call_command("seed_demo", verbosity=0)
    sectors = sector_by_organization()
    orgs = list(Organization.objects.all())
    assert len(orgs) == len(sectors)
    for org in orgs:
        assert (org.country_id, org.name) in sectors, org.name  # every organization has a sector
        check_name(org.country_id, org.name, org.name_latin)
    assert len({org.name for org in orgs}) == len(orgs)
    assert sum(bool(org.trading_names) for org in orgs if org.country_id == "CN") >= 90

    def sector_of(org_id):
        org = by_id[org_id]
        return SECTORS[sectors[(org.country_id, org.name)]]

    by_id = {org.pk: org for org in orgs}
    # Leads stay within the sector: offers of what it sells, requests for what it buys.
    index = hs_scope_index()
    leads = list(Lead.objects.values_list("organization_id", "kind", "hs_code_id", "committee_id"))
    assert len(leads) > 4000
    for org_id, kind, hs, committee_id in leads:
        sector = sector_of(org_id)
        assert sector.covers(hs), (by_id[org_id].name_latin, sector.key, hs)
        assert sector.sells_code(hs) if kind == "sell" else sector.buys_code(hs), (sector.key, kind, hs)
        assert committee_id == committee_id_for_hs(index, hs), hs
    assert {sector_of(org_id).key for org_id, *_ in leads} >= {"grain", "mining", "aluminium", "textiles"}
    for org_id, hs in ProfileProduct.objects.values_list("profile__organization_id", "hs_code_id"):
        assert sector_of(org_id).covers(hs), (by_id[org_id].name_latin, hs)

    # Every committee: a secretary, at least three approved members, all of its own sector.
    slugs = dict(Committee.objects.values_list("id", "slug"))
    slug_index = {code: slugs[pk] for code, pk in index.items()}
    for committee in Committee.objects.select_related("secretary"):
        assert committee.secretary is not None, committee.slug
        assert scripts_of(committee.secretary.full_name) <= {"CJK", "CYRILLIC"}, committee.secretary.full_name
        members = CommitteeMembership.objects.filter(committee=committee).values_list(
            "organization_id", "status"
        )
        for org_id, _status in members:
            assert committee.slug in sector_of(org_id).committees(slug_index), (
                committee.slug,
                by_id[org_id].name_latin,
            )
        approved = [o for o, status in members if status == CommitteeMembershipStatus.APPROVED]
        assert len(approved) >= 3, committee.slug
    assert Committee.objects.get(slug="aluminium").secretary.email == "zhangmin@demo.scotemp.org"
    assert not User.objects.filter(full_name__iregex=r" (owner|sales)$").exists()

    # Every notice the demo sent reads in Chinese and in Russian with no platform word in English:
    # its params are stored once, whoever acted and in whatever language (names, titles and
    # messages are the users' own, in their language).
    theirs = _authored_texts()
    notices = list(Notification.objects.all())
    assert len(notices) > 100 and len({n.kind for n in notices}) > 10
    for notice in notices:
        for language in ("zh-hans", "ru"):
            text = "\n".join(render(notice.kind, notice.params, language))
            english = english_in_text(text, [t for t in theirs if t in text])
            assert not english, (notice.kind, language, english)


def _authored_texts() -> set[str]:
    """What the demo's users wrote: names, titles in every language, goods, messages, labels."""
    from django.apps import apps

    fields = {
        "accounts.Organization": ("name", "name_latin"),
        "accounts.User": ("full_name", "email"),
        "events.MeetingTable": ("label",),
        "events.Interpreter": ("name",),
        "deals.Rfq": ("goods",),
        "deals.Message": ("body",),
    }
    for label in ("events.Event", "trade.Lead"):
        model = apps.get_model(label)
        fields[label] = tuple(f.name for f in model._meta.fields if f.name.startswith("title"))
    texts = set()
    for label, names in fields.items():
        for row in apps.get_model(label).objects.values_list(*names):
            texts.update(value for value in row if isinstance(value, str) and value)
    return texts
