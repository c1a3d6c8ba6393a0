"""The shapes of the delegations API: the schemas it reads and answers (their names are the
OpenAPI component names), and the functions that turn a delegation, its programme, members and
outcomes into those answers."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from .. import queries
from ..choices import Direction

DirectionCode = Literal[tuple(Direction.values)]  # type: ignore[valid-type]


class DelegationProgrammeItemOut(Schema):
    id: int
    day: datetime.date
    starts_at: datetime.time | None = None
    ends_at: datetime.time | None = None
    kind: str
    kind_label: str
    title: str
    description: str
    city: str | None = Field(None, description="UN/LOCODE")
    city_name: str
    venue: str
    host: UUID | None = Field(None, description="Public id of the host organization")
    host_name: str | None = None
    event: UUID | None = Field(None, description="Public id of the event on the platform")


class DelegationMemberOut(Schema):
    id: int
    organization: UUID
    organization_name: str
    country: str
    role: str
    role_label: str
    status: str
    participants: str


class DelegationOutcomeOut(Schema):
    id: int
    kind: str
    kind_label: str
    note: str
    rfq: UUID | None = Field(None, description="Shown to those who may open the request")
    deal: UUID | None = Field(None, description="Shown to those who may open the deal")
    project: UUID | None = Field(None, description="The cooperation project, shown to those who may open it")
    organizations: list[UUID]


class DelegationOut(Schema):
    public_id: UUID
    direction: str
    direction_label: str
    status: str
    status_label: str
    published: bool
    title: str
    purpose: str
    country: str = Field(
        ..., description="ISO alpha-2: where an inbound delegation comes from, or an outbound one goes"
    )
    country_name: str
    cities: list[str] = Field(..., description="UN/LOCODEs of the cities visited")
    starts_on: datetime.date
    ends_on: datetime.date
    committee: str | None = Field(None, description="Slug of the organizing committee; null: the operator")
    head_name: str
    head_title: str
    url: str


class DelegationDetailOut(DelegationOut):
    programme: list[DelegationProgrammeItemOut]
    members: list[DelegationMemberOut]
    outcomes: list[DelegationOutcomeOut]
    members_note: str | None = Field(None, description="Only for the organizers and the member organizations")
    my_membership: str | None = Field(
        None, description="requested or accepted, for the caller's organization"
    )


class DelegationIn(Schema):
    direction: DirectionCode | None = None  # type: ignore[valid-type]
    country: str | None = Field(None, max_length=100, description="ISO code or name")
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    cities: list[str] | None = Field(None, max_length=4, description="Up to four UN/LOCODEs or names")
    committee: str | None = Field(None, max_length=50, description="Committee slug")
    title_en: str | None = Field(None, max_length=200)
    title_ru: str | None = Field(None, max_length=200)
    title_zh_hans: str | None = Field(None, max_length=200)
    purpose_en: str | None = Field(None, max_length=5000)
    purpose_ru: str | None = Field(None, max_length=5000)
    purpose_zh_hans: str | None = Field(None, max_length=5000)
    head_name: str | None = Field(None, max_length=200)
    head_title_en: str | None = Field(None, max_length=200)
    head_title_ru: str | None = Field(None, max_length=200)
    head_title_zh_hans: str | None = Field(None, max_length=200)
    members_note: str | None = Field(None, max_length=5000)
    published: bool | None = None


class DelegationStatusIn(Schema):
    status: str = Field(..., max_length=20)
    reason: str = Field("", max_length=2000)


class DelegationMemberIn(Schema):
    organization: UUID
    role: str = Field("participant", max_length=20)
    participants: str = Field("", max_length=100)


class DelegationJoinIn(Schema):
    organization: UUID | None = Field(None, description="Default: the organization the caller acts for")
    role: str = Field("participant", max_length=20)
    participants: str = Field("", max_length=100)
    note: str = Field("", max_length=2000)


class DelegationProgrammeItemIn(Schema):
    day: datetime.date = Field(..., description="Within the delegation's dates")
    starts_at: datetime.time | None = Field(None, description="Local time")
    ends_at: datetime.time | None = Field(None, description="Local time")
    kind: str = Field("meeting", max_length=12)
    title_en: str = Field("", max_length=200)
    title_ru: str = Field("", max_length=200)
    title_zh_hans: str = Field("", max_length=200)
    description_en: str = Field("", max_length=5000)
    description_ru: str = Field("", max_length=5000)
    description_zh_hans: str = Field("", max_length=5000)
    venue_en: str = Field("", max_length=300)
    venue_ru: str = Field("", max_length=300)
    venue_zh_hans: str = Field("", max_length=300)
    city: str | None = Field(None, max_length=100, description="UN/LOCODE or name")
    host: UUID | None = Field(None, description="A member organization's public id")
    event: UUID | None = Field(None, description="A published event's public id")


class DelegationOutcomeIn(Schema):
    kind: str = Field(..., max_length=12)
    note_en: str = Field("", max_length=5000)
    note_ru: str = Field("", max_length=5000)
    note_zh_hans: str = Field("", max_length=5000)
    rfq: UUID | None = None
    deal: UUID | None = None
    project: UUID | None = None
    organizations: list[UUID] = Field(default_factory=list, max_length=50)


class DelegationTotalsRow(Schema):
    year: int
    direction: str
    country: str
    country_name: str
    count: int


class DelegationOutcomeTotalsRow(Schema):
    year: int
    kind: str
    count: int


class DelegationTotalsOut(Schema):
    delegations: list[DelegationTotalsRow]
    outcomes: list[DelegationOutcomeTotalsRow]


def delegation_out(request, d) -> dict:
    return {
        "public_id": d.public_id,
        "direction": d.direction,
        "direction_label": str(d.get_direction_display()),
        "status": d.status,
        "status_label": str(d.get_status_display()),
        "published": d.published,
        "title": d.title,
        "purpose": d.purpose,
        "country": d.country_id,
        "country_name": d.country.name,
        "cities": [c.locode for c in d.cities.all()],
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
        "committee": d.committee.slug if d.committee_id else None,
        "head_name": d.head_name,
        "head_title": d.head_title,
        "url": request.build_absolute_uri(d.get_absolute_url()),
    }


def delegation_detail(request, d) -> dict:
    """One delegation with its programme, members and outcomes, as the caller may see them."""
    organizes = queries.organizes(request.user, d)
    insider = organizes or queries.member_of_delegation(request.user, d)
    mine = queries.my_request(request.user, d) if request.user.is_authenticated else None
    programme = [
        {
            "id": i.pk,
            "day": i.day,
            "starts_at": i.starts_at,
            "ends_at": i.ends_at,
            "kind": i.kind,
            "kind_label": str(i.get_kind_display()),
            "title": i.title,
            "description": i.description,
            "city": i.city_id,
            "city_name": i.city.name if i.city_id else "",
            "venue": i.venue,
            "host": i.host.public_id if i.host_id else None,
            "host_name": i.host.name if i.host_id else None,
            "event": i.event.public_id if i.event_id else None,
        }
        for _day, items in queries.programme_by_day(d)
        for i in items
    ]
    members = [
        {
            "id": m.pk,
            "organization": m.organization.public_id,
            "organization_name": m.organization.name,
            "country": m.organization.country_id,
            "role": m.role,
            "role_label": str(m.get_role_display()),
            "status": m.status,
            "participants": m.participants,
        }
        for m in queries.members_of(d, include_requests=organizes)
    ]
    outcomes = [
        {
            "id": o.pk,
            "kind": o.kind,
            "kind_label": str(o.get_kind_display()),
            "note": o.note,
            "rfq": o.linked_rfq.public_id if o.linked_rfq else None,
            "deal": o.linked_deal.public_id if o.linked_deal else None,
            "project": o.linked_project.public_id if o.linked_project else None,
            "organizations": [org.public_id for org in o.organizations.all()],
        }
        for o in queries.outcomes_of(request.user, d)
    ]
    return {
        **delegation_out(request, d),
        "programme": programme,
        "members": members,
        "outcomes": outcomes,
        "members_note": d.members_note if insider else None,
        "my_membership": mine.status if mine else None,
    }


def fresh_detail(request, d) -> dict:
    """The delegation read again (after a change) and answered as :func:`delegation_detail`."""
    return delegation_detail(request, queries.delegation_for_viewer(request.user, d.public_id))


def member_out(m) -> dict:
    return {
        "id": m.pk,
        "organization": m.organization.public_id,
        "organization_name": m.organization.name,
        "country": m.organization.country_id,
        "role": m.role,
        "role_label": str(m.get_role_display()),
        "status": m.status,
        "participants": m.participants,
    }
