"""Reads for the home page. Every function runs a fixed number of queries, whatever the data size.

The page's figures are counts over every organization and user: :func:`home_page` keeps them in the
shared cache (Redis, or the database cache table) for :data:`HOME_CACHE_SECONDS`, so that every web
process and every node serves the same figures and a busy home page runs no count at all. A figure
is at most that old; nothing on the page needs to be exact to the second."""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from scotemp.accounts.models import Organization
from scotemp.committees.models import Committee, CommitteeMembership, CommitteeMembershipStatus
from scotemp.reference.models import Country
from scotemp.reference.queries import CountryStatus, sco_countries


def sco_countries_on(date: datetime.date) -> tuple[list[CountryStatus], list[CountryStatus]]:
    """Member states and partners of the SCO on ``date``, each in the order they joined."""
    statuses = sco_countries(on=date)
    return [s for s in statuses if s.is_member], [s for s in statuses if not s.is_member]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    bar_y: int  # top of the bar in the chart's coordinates
    text_y: int  # baseline of the label and the value
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    row_height: int
    bar_height: int

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def bar_chart(rows: list[tuple[str, int]], width: int = 640, label_width: int = 190, row_height: int = 30):
    """Geometry of a horizontal bar chart, rendered as inline SVG by the template. The room right of
    the longest bar fits the widest value as the page writes it (digits with group separators)."""
    top = max((value for _label, value in rows), default=0) or 1
    value_room = max(60, 9 * len(f"{top:,.0f}") + 12)
    span = width - label_width - value_room
    bars = []
    for i, (label, value) in enumerate(rows):
        bar_width = round(span * value / top, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                bar_y=i * row_height + 5,
                text_y=i * row_height + 20,
                width=bar_width,
                value_x=label_width + bar_width + 6,
            )
        )
    return BarChart(
        bars=bars,
        width=width,
        height=max(len(rows), 1) * row_height,
        label_width=label_width,
        row_height=row_height,
        bar_height=row_height - 10,
    )


def platform_figures() -> dict:
    """Live counts shown on the home page. Five queries."""
    return {
        "organizations": Organization.objects.count(),
        "users": get_user_model().objects.filter(is_active=True).count(),
        "countries": Organization.objects.values("country").distinct().count(),
        "committee_members": CommitteeMembership.objects.filter(status=CommitteeMembershipStatus.APPROVED)
        .values("organization")
        .distinct()
        .count(),
    }


def organizations_per_country(limit: int = 10) -> list[tuple[str, int]]:
    """The countries with the most organizations on the platform, as (name, count). One query."""
    countries = (
        Country.objects.annotate(n=Count("organizations")).filter(n__gt=0).order_by("-n", "iso2")[:limit]
    )
    return [(country.name, country.n) for country in countries]


HOME_CACHE_SECONDS = 60
HOME_CACHE_VERSION = 2  # bump when the cached dictionary changes shape


def home_page(today: datetime.date | None = None) -> dict:
    """Everything the home page shows: from the shared cache (one cache read), else computed in a
    fixed number of queries (eight today) and cached for :data:`HOME_CACHE_SECONDS`, per language
    (country and committee names are translated) and date (SCO statuses change with the date).

    ``stamp`` identifies the computation: the template caches its rendering under it, so the HTML
    never shows other figures than the context."""
    today = today or timezone.localdate()
    key = f"portal:home:v{HOME_CACHE_VERSION}:{get_language()}:{today.isoformat()}"
    page = cache.get(key)
    if page is None:
        page = compute_home_page(today)
        cache.set(key, page, HOME_CACHE_SECONDS)
    return page


@dataclass(frozen=True)
class HomeCountry:
    iso2: str
    name: str


@dataclass(frozen=True)
class HomeStatus:
    """What the home page shows of an SCO status: plain values, cheap to read back from the cache
    (model instances cost a millisecond per page to unpickle)."""

    country: HomeCountry
    since: datetime.date
    joined: datetime.date | None


@dataclass(frozen=True)
class HomeCommittee:
    slug: str
    name: str
    description: str


def _home_statuses(statuses: list[CountryStatus]) -> list[HomeStatus]:
    return [HomeStatus(HomeCountry(s.country.iso2, str(s.country.name)), s.since, s.joined) for s in statuses]


def compute_home_page(today: datetime.date) -> dict:
    """The home page's values read from the database, uncached (eight queries)."""
    members, partners = (_home_statuses(statuses) for statuses in sco_countries_on(today))
    committees = [
        HomeCommittee(c.slug, str(c.name), str(c.description))
        for c in Committee.objects.order_by("position", "slug")
    ]
    figures = platform_figures()
    figures["committees"] = len(committees)
    return {
        "today": today,
        "members": members,
        "partners": partners,
        "committees": committees,
        "figures": figures,
        "chart": bar_chart(organizations_per_country()),
        "stamp": uuid.uuid4().hex,
        "cache_seconds": HOME_CACHE_SECONDS,
    }
