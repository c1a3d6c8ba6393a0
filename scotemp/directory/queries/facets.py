"""Facet counts of a directory search, and how many organizations each active filter, dropped
alone, would give when nothing matches. A few GROUP BY queries over the search's own filter.

Bounded like the total (``TOTAL_CAP``): the facets count at most the first ``TOTAL_CAP`` + 1
matches, so a broad query (no text, one country) costs the same at 100,000 organizations as at
10,000; beyond the cap the counts are lower bounds, as the total is. The counts of one set of
filters are kept in the shared cache for :data:`FACETS_CACHE_SECONDS` (the page and its next pages,
the other sorts, every visitor and every web node share them): the unfiltered directory, the most
visited, is counted once a minute per language, not on every request."""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.committees.models import Committee, CommitteeMembership, CommitteeMembershipStatus
from scotemp.core.text import collation_key
from scotemp.reference.choices import SCOStatus
from scotemp.reference.models import Country, HSCode, SCOStatusPeriod
from scotemp.reference.queries import today

from ..choices import Activity, TradeDirection, VerificationStatus
from ..models import ProfileActivity, ProfileProduct
from .search import TOTAL_CAP, SearchParams, filtered, hs_prefix

FACETS_CACHE_SECONDS = 60
FACETS_CACHE_VERSION = 1  # bump when Facets changes shape


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facets:
    country: list[FacetValue] = field(default_factory=list)
    sco: list[FacetValue] = field(default_factory=list)
    committee: list[FacetValue] = field(default_factory=list)
    hs: list[FacetValue] = field(default_factory=list)
    activity: list[FacetValue] = field(default_factory=list)
    verified: int = 0


def _cache_key(params: SearchParams) -> str:
    """The filters (not the page nor the sort), the language of the labels and the date (SCO
    statuses change with it)."""
    filters = repr([getattr(params, name) for name in (*SearchParams.FILTERS, "hs_direction")])
    digest = hashlib.sha256(filters.encode()).hexdigest()[:32]
    return f"directory:facets:v{FACETS_CACHE_VERSION}:{get_language()}:{today().isoformat()}:{digest}"


def facets(params: SearchParams) -> Facets:
    """Counts per facet value within the current result set: from the shared cache, else counted
    (a few GROUP BY queries over at most ``TOTAL_CAP`` + 1 matches) and cached."""
    key = _cache_key(params)
    result = cache.get(key)
    if result is None:
        result = count_facets(params)
        cache.set(key, result, FACETS_CACHE_SECONDS)
    return result


def count_facets(params: SearchParams) -> Facets:
    """Counts per facet value within the first ``TOTAL_CAP`` + 1 matches, uncached."""
    ids = filtered(params).order_by().values("pk")[: TOTAL_CAP + 1]
    result = Facets()

    by_country = dict(
        Organization.objects.filter(pk__in=ids).order_by().values_list("country_id").annotate(n=Count("pk"))
    )
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in=list(by_country))}
    result.country = sorted(
        (
            FacetValue(iso, countries[iso].name if iso in countries else iso, n, iso == params.country)
            for iso, n in by_country.items()
        ),
        key=lambda f: collation_key(f.label),  # by name in the reader's language, as every country list
    )

    statuses = dict(
        SCOStatusPeriod.objects.active_on(today())
        .filter(country_id__in=list(by_country))
        .values_list("country_id", "status")
    )
    members = sum(n for iso, n in by_country.items() if statuses.get(iso) == SCOStatus.MEMBER)
    partners = sum(n for iso, n in by_country.items() if statuses.get(iso) not in (None, SCOStatus.MEMBER))
    result.sco = [
        FacetValue(value, label, n, params.sco == value)
        for value, label, n in (
            ("member", SCOStatus.MEMBER.label, members),
            ("partner", _("SCO partners"), partners),
        )
        if n
    ]

    by_activity = dict(
        ProfileActivity.objects.filter(profile__organization_id__in=ids)
        .order_by()
        .values_list("activity")
        .annotate(n=Count("pk"))
    )
    result.activity = [
        FacetValue(value, label, by_activity[value], value == params.activity)
        for value, label in Activity.choices
        if by_activity.get(value)
    ]

    by_committee = dict(
        CommitteeMembership.objects.filter(organization_id__in=ids, status=CommitteeMembershipStatus.APPROVED)
        .order_by()
        .values_list("committee_id")
        .annotate(n=Count("pk"))
    )
    result.committee = [
        FacetValue(c.slug, c.name, by_committee[c.pk], c.slug == params.committee)
        for c in Committee.objects.filter(pk__in=list(by_committee))
    ]

    # Chapters, or the headings of the chosen chapter.
    depth = 4 if len(params.hs) >= 2 else 2
    products = ProfileProduct.objects.filter(profile__organization_id__in=ids)
    if params.hs_direction in TradeDirection.values:
        products = products.filter(direction=params.hs_direction)
    if depth == 4:
        products = products.filter(hs_prefix("hs_code_id", params.hs[:2]))
    by_hs = dict(
        products.order_by()
        .annotate(prefix=Substr("hs_code_id", 1, depth))
        .values_list("prefix")
        .annotate(n=Count("profile__organization_id", distinct=True))
    )
    names = {h.code: h.description for h in HSCode.objects.filter(code__in=list(by_hs))}
    result.hs = [
        FacetValue(code, names.get(code, ""), n, params.hs == code) for code, n in sorted(by_hs.items())
    ]

    result.verified = (
        Organization.objects.filter(pk__in=ids, profile__verification_status=VerificationStatus.VERIFIED)
        .order_by()
        .count()
    )
    return result


def widening_counts(params: SearchParams) -> dict[str, int]:
    """For an empty result: how many organizations each active filter, dropped alone, would give,
    counted up to ``TOTAL_CAP`` (a lower bound beyond, as the search's total)."""
    return {
        name: min(filtered(params.without(name)).order_by().values("pk")[: TOTAL_CAP + 1].count(), TOTAL_CAP)
        for name in params.active_filters()
    }
