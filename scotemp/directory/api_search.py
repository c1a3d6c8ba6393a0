"""Directory API: search the organizations (public fields), send one a message, read your own inbox.

Mounted at /api/v1/organizations next to the profile endpoints (api_profile.py: GET/PATCH /{public_id}).
"""

import datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from scotemp.accounts.models import Organization
from scotemp.core.api.auth import public_auth
from scotemp.core.api.errors import ErrorOut
from scotemp.reference.models import Country

from . import inbox as inbox_actions
from .choices import Activity, VerificationStatus
from .queries_search import MAX_PER_PAGE, PER_PAGE, SearchParams, search

router = Router(tags=["organizations"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

ActivityValue = Literal[tuple(Activity.values)]  # type: ignore[valid-type]


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="Text in any script; an identifier matches exactly.")
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2 code, e.g. KZ.")
    sco: Literal["", "member", "partner"] = Field("", description="SCO member states or partners, today.")
    committee: str = Field("", max_length=50, description="Slug of a committee the organization belongs to.")
    hs: str = Field("", pattern=r"^(\d{2}|\d{4}|\d{6})?$", description="HS chapter, heading or subheading.")
    hs_direction: Literal["", "export", "import"] = Field("", description="With hs: exports or imports only.")
    activity: ActivityValue | Literal[""] = Field("", description="What the organization does.")  # type: ignore[valid-type]
    verified: bool = Field(False, description="Only organizations with a valid verification.")
    sort: Literal["relevance", "name", "newest", "verified"] = "relevance"
    page: int = Field(1, ge=1, le=100_000)
    limit: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


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
    activities: list[str]
    verified: bool
    verified_at: datetime.datetime | None
    url: str


class OrganizationPageOut(Schema):
    count: int
    total_is_lower_bound: bool = Field(
        False, description="True when more organizations match than ``count`` (the count stops at 10,000)."
    )
    page: int
    pages: int
    limit: int
    results: list[OrganizationSummaryOut]


class ContactIn(Schema):
    subject: str = Field(max_length=200)
    body: str = Field(max_length=5000)


class InboxMessageOut(Schema):
    id: UUID
    subject: str
    body: str
    sender_name: str | None
    sender_email: str | None
    sender_organization: UUID | None
    sender_organization_name: str | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class InboxPageOut(Schema):
    count: int
    unread: int
    results: list[InboxMessageOut]


def _summary(org) -> OrganizationSummaryOut:
    profile = getattr(org, "profile", None)
    verified = bool(profile and profile.verification_status == VerificationStatus.VERIFIED)
    return OrganizationSummaryOut(
        public_id=org.public_id,
        name=org.name,
        name_latin=org.name_latin,
        trading_names=[n.strip() for n in (org.trading_names or "").split(",") if n.strip()],
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
    response={200: OrganizationPageOut, **ERRORS},
    auth=public_auth(),
    summary="Search the directory",
)
def organizations(request, filters: Query[SearchQuery]):
    """Organizations matching the text ``q`` (any script; a registration identifier matches
    exactly) and every facet given, ``limit`` per page, with the total ``count``. Public fields only."""
    country = filters.country.upper()
    if country and not Country.objects.filter(iso2=country).exists():
        raise ValidationError({"country": [_("Country: unknown ISO code %(code)s.") % {"code": country}]})
    params = SearchParams(
        q=filters.q,
        country=country,
        sco=filters.sco,
        committee=filters.committee,
        hs=filters.hs,
        hs_direction=filters.hs_direction,
        activity=filters.activity,
        verified=filters.verified,
        sort=filters.sort,
        page=filters.page,
        per_page=filters.limit,
    )
    result = search(params)
    return OrganizationPageOut(
        count=result.total,
        total_is_lower_bound=result.total_capped,
        page=result.page,
        pages=result.pages,
        limit=result.per_page,
        results=[_summary(org) for org in result.organizations],
    )


@router.post(
    "/{public_id}/messages",
    response={201: InboxMessageOut, **ERRORS, 429: ErrorOut},
    summary="Send an organization a message",
)
def send_message(request, public_id: UUID, payload: ContactIn):
    """Lands in the organization's inbox; at most 5 messages an hour and 20 a day per user (429)."""
    organization = get_object_or_404(Organization, public_id=public_id)
    try:
        message = inbox_actions.send_contact_message(
            request.user, organization, payload.subject, payload.body
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "rate_limited":
            return Status(429, ErrorOut(detail=" ".join(exc.messages)))
        raise
    return Status(201, _message_out(message))


def _message_out(m) -> InboxMessageOut:
    return InboxMessageOut(
        id=m.public_id,
        subject=m.subject,
        body=m.body,
        sender_name=m.sender.display_name if m.sender else None,
        sender_email=m.sender.email if m.sender else None,
        sender_organization=m.sender_organization.public_id if m.sender_organization else None,
        sender_organization_name=m.sender_organization.name if m.sender_organization else None,
        created_at=m.created_at,
        read_at=m.read_at,
    )


@router.get(
    "/{public_id}/inbox",
    response={200: InboxPageOut, **ERRORS},
    summary="Your organization's inbox",
)
def inbox(request, public_id: UUID, page: int = Query(1, ge=1), limit: int = Query(20, ge=1, le=100)):
    """Messages sent to the organization, newest first. Members only (404 for anyone else).
    Reading does not mark messages read; ``POST …/inbox/read`` does."""
    organization = inbox_actions.member_organization(request.user, public_id)
    messages = inbox_actions.inbox_messages(organization)
    offset = (page - 1) * limit
    return InboxPageOut(
        count=messages.count(),
        unread=inbox_actions.unread_count(organization),
        results=[_message_out(m) for m in messages[offset : offset + limit]],
    )


@router.post(
    "/{public_id}/inbox/read",
    response={200: InboxPageOut, **ERRORS},
    summary="Mark your organization's inbox read",
)
def inbox_read(request, public_id: UUID):
    """Marks every unread message read. Members only (404 for anyone else)."""
    organization = inbox_actions.member_organization(request.user, public_id)
    inbox_actions.mark_read(organization)
    return InboxPageOut(count=inbox_actions.inbox_messages(organization).count(), unread=0, results=[])
