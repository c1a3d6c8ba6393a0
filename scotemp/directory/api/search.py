"""API of the directory search, GET /api/v1/organizations: public fields of the organizations
matching a text and facets, one page at a time. The page and this endpoint call the same search."""

import datetime
from typing import Literal
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ErrorOut, Page, PageParams, error_body, page_of, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH
from scotemp.core.pagecache import anonymous_api_page
from scotemp.reference.models import Country

from .. import queries
from ..choices import Activity, SCOFilter, SearchSort, TradeDirection, VerificationStatus

router = Router(tags=["organizations"])

SCOValue = Literal[("", *SCOFilter.values)]  # type: ignore[valid-type]
DirectionValue = Literal[("", *TradeDirection.values)]  # type: ignore[valid-type]
ActivityValue = Literal[("", *Activity.values)]  # type: ignore[valid-type]


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="Text in any script; an identifier matches exactly.")
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2 code, e.g. KZ.")
    sco: SCOValue = Field("", description="SCO member states or partners, today.")
    committee: str = Field(
        "",
        max_length=50,
        pattern=r"^[-a-z0-9_]*$",
        description="Slug of a committee the organization belongs to.",
    )
    hs: str = Field("", pattern=r"^(\d{2}|\d{4}|\d{6})?$", description="HS chapter, heading or subheading.")
    hs_direction: DirectionValue = Field("", description="With hs: exports or imports only.")
    activity: ActivityValue = Field("", description="What the organization does.")
    verified: bool = Field(False, description="Only organizations with a valid verification.")
    sort: SearchSort = SearchSort.RELEVANCE


class OrganizationSummaryOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    trading_names: list[str]
    country: str
    country_name: str
    city: str | None
    city_name: str | None
    registry_type: str
    registry_id: str
    website: str
    description: str = Field(description="In the request's language, else another one.")
    activities: list[Activity]
    verified: bool
    verified_at: datetime.datetime | None
    url: str


def _summary(org) -> OrganizationSummaryOut:
    profile = getattr(org, "profile", None)
    verified = bool(profile and profile.verification_status == VerificationStatus.VERIFIED)
    return OrganizationSummaryOut(
        public_id=org.public_id,
        name=org.name,
        name_latin=org.name_latin,
        trading_names=queries.trading_names_list(org),
        country=org.country_id,
        country_name=org.country.name,
        city=org.city_id,
        city_name=org.city.name if org.city else None,
        registry_type=org.registry_type,
        registry_id=org.registry_id,
        website=org.website,
        description=org.description or "",
        activities=[a.activity for a in profile.activities.all()] if profile else [],
        verified=verified,
        verified_at=profile.verified_at if verified else None,
        url=reverse("directory:organization", args=[org.public_id]),
    )


@router.get(
    "",
    response={200: Page[OrganizationSummaryOut], 422: ErrorOut},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Search the directory",
)
def organizations(request, filters: Query[SearchQuery], params: Query[PageParams]):
    """Organizations matching the text ``q`` (any script; a registration identifier matches
    exactly) and every facet given, ``limit`` per page. Public fields only. Matches are counted up
    to 10,000: beyond, ``total`` is 10,000 and ``total_is_exact`` is false (narrow the query)."""
    country = filters.country.upper()
    if country and not Country.objects.filter(iso2=country).exists():
        return Status(
            422, error_body(_("Country: unknown ISO code %(code)s.") % {"code": country}, "country")
        )
    # The same answer for every anonymous caller: kept for a minute (core.pagecache).
    return anonymous_api_page(
        request,
        "api-organizations",
        Page[OrganizationSummaryOut],
        lambda: _page(request, filters, params, country),
    )


def _page(request, filters: SearchQuery, params: PageParams, country: str) -> dict:
    found = queries.search(
        queries.SearchParams(
            q=filters.q,
            country=country,
            sco=filters.sco,
            committee=filters.committee,
            hs=filters.hs,
            hs_direction=filters.hs_direction,
            activity=filters.activity,
            verified=filters.verified,
            sort=filters.sort,
            page=params.page,
            per_page=params.limit,
        )
    )
    # The search shows its last page for a page past the end; the API answers an empty one.
    results = [_summary(org) for org in found.organizations] if found.page == params.page else []
    return page_of(request, params, results, found.total, exact=not found.total_capped)
