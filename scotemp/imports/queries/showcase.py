"""The SCO import showcase: open sell offers of organizations in SCO countries other than China that
serve China (China among their destinations, or no destination restriction), grouped by origin
country and HS chapter, each group with its newest offers and what importing its goods requires.

A fixed number of queries whatever the number of offers: the SCO countries, the group counts, the
cards (the newest few per group, by a window function), the country and chapter names, the
requirements."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from scotemp.core.text import sorted_by_name
from scotemp.reference.models import Country, HSCode, SCOStatusPeriod
from scotemp.trade.choices import LeadKind
from scotemp.trade.models import Lead
from scotemp.trade.queries.leads import text_in

from .requirements import Checklist, checklists_for, merged

CHINA = "CN"
CARDS_PER_GROUP = 6


@dataclass
class ShowcaseGroup:
    country: Country
    chapter: HSCode | None
    chapter_code: str
    count: int
    headings: list[str]
    leads: list = field(default_factory=list)
    checklist: Checklist | None = None


@dataclass
class Showcase:
    groups: list[ShowcaseGroup]
    total: int
    countries: list[tuple[Country, int]]  # filter options with their counts (before filtering)
    chapters: list[tuple[HSCode | None, str, int]]


def sco_partner_ids(today: datetime.date) -> set[str]:
    """SCO member and partner states on ``today``, China excluded."""
    return set(SCOStatusPeriod.objects.active_on(today).values_list("country_id", flat=True)) - {CHINA}


def offers_to_china(today: datetime.date | None = None):
    today = today or timezone.localdate()
    through = Lead.countries.through
    return (
        Lead.objects.open(today)
        .filter(kind=LeadKind.SELL, organization__country_id__in=sco_partner_ids(today))
        .filter(
            Exists(through.objects.filter(lead_id=OuterRef("pk"), country_id=CHINA))
            | ~Exists(through.objects.filter(lead_id=OuterRef("pk")))
        )
        .annotate(origin=Coalesce("origin_country_id", "organization__country_id"))
    )


def showcase(
    country: str = "", chapter: str = "", today: datetime.date | None = None, per_group: int = CARDS_PER_GROUP
) -> Showcase:
    offers = offers_to_china(today)
    counts = list(offers.values("origin", "hs_chapter", "hs_heading").annotate(n=Count("id")).order_by())
    wanted = Q()
    if country:
        wanted &= Q(origin=country.upper())
    if chapter:
        wanted &= Q(hs_chapter=chapter)
    cards = list(
        offers.filter(wanted)
        .select_related("organization", "hs_code", "unit", "currency", "price_unit")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("origin"), F("hs_chapter")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_group)
        .order_by("origin", "hs_chapter", "rank")
    )
    origins = {row["origin"] for row in counts}
    chapter_codes = {row["hs_chapter"] for row in counts}
    countries = Country.objects.in_bulk(origins)
    chapters = HSCode.objects.in_bulk(chapter_codes)

    groups: dict[tuple[str, str], ShowcaseGroup] = {}
    by_country: dict[str, int] = {}
    by_chapter: dict[str, int] = {}
    for row in counts:
        by_country[row["origin"]] = by_country.get(row["origin"], 0) + row["n"]
        by_chapter[row["hs_chapter"]] = by_chapter.get(row["hs_chapter"], 0) + row["n"]
        if (country and row["origin"] != country.upper()) or (chapter and row["hs_chapter"] != chapter):
            continue
        key = (row["origin"], row["hs_chapter"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = ShowcaseGroup(
                country=countries[row["origin"]],
                chapter=chapters.get(row["hs_chapter"]),
                chapter_code=row["hs_chapter"],
                count=0,
                headings=[],
            )
        group.count += row["n"]
        group.headings.append(row["hs_heading"])
    for lead in cards:
        # The title in the reader's language where translated, else the author's, with its language.
        lead.display_title, lead.display_language = text_in(lead, "title")
        groups[(lead.origin, lead.hs_chapter)].leads.append(lead)

    codes = {h for g in groups.values() for h in g.headings} | {lead.hs_code_id for lead in cards}
    lists = checklists_for(codes | {g.chapter_code for g in groups.values()})
    for group in groups.values():
        mine = {group.chapter_code, *group.headings, *(lead.hs_code_id for lead in group.leads)}
        group.headings.sort()
        group.checklist = merged(lists[code] for code in sorted(mine))

    result_groups = _order(groups.values())
    return Showcase(
        groups=result_groups,
        total=sum(g.count for g in result_groups),
        countries=[(c, by_country[c.pk]) for c in sorted_by_name(countries.values(), name=lambda c: c.name)],
        chapters=[(chapters.get(code), code, by_chapter[code]) for code in sorted(by_chapter)],
    )


def _order(groups) -> list[ShowcaseGroup]:
    """Countries by name in the reader's language, within a country the largest groups first."""
    country_order = {
        c.pk: i
        for i, c in enumerate(
            sorted_by_name({g.country.pk: g.country for g in groups}.values(), name=lambda c: c.name)
        )
    }
    return sorted(groups, key=lambda g: (country_order[g.country.pk], -g.count, g.chapter_code))
