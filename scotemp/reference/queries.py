"""Reads of the reference tables: SCO membership on a date, HS lookups, location lists."""

import datetime
from dataclasses import dataclass

from django.db.models import Min, Prefetch, Q

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


def locations(country: str | None = None, function: str | None = None):
    """Locations, optionally of one country (ISO alpha-2) and with one function (port, rail …)."""
    qs = Location.objects.select_related("country").order_by("country_id", "name")
    if country:
        qs = qs.filter(country_id=country.upper())
    if function:
        # JSON "contains" is not supported on SQLite; the list is short, so match the JSON text.
        qs = qs.filter(Q(functions__icontains=f'"{function}"'))
    return qs
