"""Reads of the reference tables: SCO membership on a date, HS lookups, location lists."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Min, Prefetch, Q, Value, When

from scotemp.core.text import normalize, sorted_by_name

from .choices import SCOStatus
from .models import Country, HSCode, HSSection, Location, SCOStatusPeriod

PARTNER_STATUSES = (SCOStatus.OBSERVER, SCOStatus.DIALOGUE_PARTNER, SCOStatus.PARTNER)


@dataclass(frozen=True)
class CountryStatus:
    country: Country
    status: str
    since: datetime.date
    period: SCOStatusPeriod
    joined: datetime.date | None = None  # first day of any SCO status (observer, partner …)

    @property
    def status_label(self) -> str:
        return SCOStatus(self.status).label

    @property
    def is_member(self) -> bool:
        return self.status == SCOStatus.MEMBER


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def sco_countries(on: datetime.date | None = None, which: str = "any") -> list[CountryStatus]:
    """Member states and partners (observers, dialogue partners, SCO partners) on ``on``.

    ``which`` is ``member``, ``partner`` (every non-member status) or ``any``. Members come
    first, then partners, each sorted by the date they got their status, then by name.
    """
    on = on or today()
    periods = SCOStatusPeriod.objects.active_on(on).select_related("country", "country__currency")
    if which == "member":
        periods = periods.filter(status=SCOStatus.MEMBER)
    elif which == "partner":
        periods = periods.filter(status__in=PARTNER_STATUSES)
    periods = list(periods)
    joined = dict(
        SCOStatusPeriod.objects.filter(country_id__in=[p.country_id for p in periods])
        .order_by()
        .values_list("country_id")
        .annotate(first=Min("start"))
    )
    result = [CountryStatus(p.country, p.status, p.start, p, joined.get(p.country_id)) for p in periods]
    result.sort(key=lambda s: (not s.is_member, s.since, s.country.name))
    return result


def country_status(iso2: str, on: datetime.date | None = None) -> str | None:
    """The SCO status of a country on ``on`` (today by default), or None."""
    period = SCOStatusPeriod.objects.active_on(on or today()).filter(country_id=iso2.upper()).first()
    return period.status if period else None


def sco_history() -> list[tuple[Country, list[SCOStatusPeriod]]]:
    """Every country that ever had an SCO status, with its periods in order, current members first."""
    countries = (
        Country.objects.filter(sco_statuses__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("sco_statuses", queryset=SCOStatusPeriod.objects.order_by("start")))
    )
    rows = [(country, list(country.sco_statuses.all())) for country in countries]
    rows.sort(key=lambda r: (r[1][-1].status != SCOStatus.MEMBER, r[1][0].start, r[0].name))
    return rows


def sco_counts(on: datetime.date | None = None) -> dict[str, int]:
    """{"members": 10, "partners": 17} on a date: the figures for the home page."""
    statuses = sco_countries(on)
    members = sum(1 for s in statuses if s.is_member)
    return {"members": members, "partners": len(statuses) - members}


def hs_lookup(code: str) -> HSCode | None:
    """One HS code (2, 4 or 6 digits; dots and spaces ignored) with its parent and section."""
    code = (code or "").replace(".", "").replace(" ", "")
    return HSCode.objects.select_related("parent", "parent__parent", "section").filter(code=code).first()


def hs_children(code: str | None = None):
    """The codes directly below ``code``; the chapters when ``code`` is empty."""
    if not code:
        return HSCode.objects.filter(level=2).order_by("code")
    return HSCode.objects.filter(parent_id=code).order_by("code")


def hs_sections_with_chapters() -> list[HSSection]:
    """The 21 sections, each with ``chapters`` prefetched (for the HS browser)."""
    return list(
        HSSection.objects.prefetch_related(
            Prefetch("codes", queryset=HSCode.objects.filter(level=2).order_by("code"), to_attr="chapters")
        )
    )


def hs_path(hs: HSCode) -> list[HSCode]:
    """Chapter → heading → subheading down to ``hs`` (for breadcrumbs)."""
    path = [hs]
    while path[0].parent_id:
        path.insert(0, path[0].parent)
    return path


def locations(country: str | None = None, function: str | None = None, q: str = ""):
    """Locations, optionally of one country (ISO alpha-2), with one function (port, rail …) and
    matching ``q`` (see :func:`search_locations`); without ``q`` ordered by country and name."""
    qs = Location.objects.select_related("country")
    if country:
        qs = qs.filter(country_id=country.upper())
    if function:
        # JSON "contains" is not supported on SQLite: match the JSON text.
        qs = qs.filter(Q(functions__icontains=f'"{function}"'))
    if (q or "").strip():
        return search_locations(q, qs)
    return qs.order_by("country_id", "name_en", "locode")


def search_locations(q: str, qs=None):
    """Places found by a code, or by a name in Chinese, Russian or English (with or without
    diacritics): the exact code first, then exact names, then names starting with ``q``, then the
    rest containing it; places named in Chinese and Russian before the others.

    One ``contains`` on the normalized ``search_text`` column: the same rows on SQLite and
    PostgreSQL (no database case folding)."""
    qs = Location.objects.select_related("country") if qs is None else qs
    term = normalize(q).strip()
    if not term:
        return qs.none()
    exact_name = Q(search_text__contains=f"| {term} |") | Q(search_text__endswith=f"| {term}")
    rank = Case(
        When(locode=term.upper().replace(" ", ""), then=Value(0)),
        When(exact_name, then=Value(1)),
        When(search_text__contains=f"| {term}", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    matches = Q(search_text__contains=term)
    compact = term.replace(" ", "")
    if len(compact) == 5 and compact.isalnum():  # "KZ KSN", as UN/LOCODE writes codes
        matches |= Q(locode=compact.upper())
    return qs.filter(matches).annotate(rank=rank).order_by("rank", "-curated", "name_en", "locode")


def place_label(place: Location) -> str:
    """A place as a reader of the active language sees it: "Костанай, Казахстан (KZKSN)"; a place
    named only in UN/LOCODE keeps that Latin name, with the country in the reader's language."""
    return f"{place.name}, {place.country.name} ({place.locode})"


def countries_by_name(queryset=None, language: str | None = None) -> list[Country]:
    """Countries sorted by their name in the reader's language (pinyin order in Chinese, the
    Russian alphabet in Russian): the order of every list of countries offered to a user."""
    queryset = Country.objects.all() if queryset is None else queryset
    return sorted_by_name(queryset, name=lambda country: country.name, language=language)


def country_names(codes) -> list[str]:
    """The names of the countries ``codes`` (ISO alpha-2) in the active language, in the order given;
    an unknown code stays as it is. One query."""
    codes = [code for code in codes if code]
    names = {c.pk: c.name for c in Country.objects.filter(pk__in=codes)}
    return [names.get(code, code) for code in codes]
