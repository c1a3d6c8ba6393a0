"""Delegations under /api/v1/delegations (ADR 0012): the list (paged; upcoming or past, by direction,
country and committee) and one delegation with its programme, members and outcomes; for the
organizer: create, change, status, members, programme items, outcomes; for an organization: a
request to join. 404 for what the caller may not see, 422 naming the field, an ``Idempotency-Key``
on every POST (core.api)."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from scotemp.accounts.models import Organization
from scotemp.core.api import (
    ERRORS,
    PUBLIC_ERRORS,
    Page,
    PageParams,
    form_data,
    invalid,
    paginate,
    public_auth,
    run,
)
from scotemp.core.api.schema import OPTIONAL_AUTH
from scotemp.core.permissions import ADMIN, acting_organization_id, is_operator, member_org_ids

from . import queries
from .actions import delegations as delegation_actions
from .actions import members as member_actions
from .actions import programme as programme_actions
from .choices import Direction
from .forms import CITY_FIELDS, DelegationForm, MemberForm, OutcomeForm, ProgrammeItemForm

router = Router(tags=["delegations"])

DirectionCode = Literal[tuple(Direction.values)]  # type: ignore[valid-type]
LANGS = ("en", "ru", "zh_hans")


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


def _detail(request, d) -> dict:
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


def _fresh(request, d) -> dict:
    return _detail(request, queries.delegation_for_viewer(request.user, d.public_id))


def _delegation_data(payload: dict, delegation=None) -> dict:
    """Form data for :class:`DelegationForm`: the delegation's values (for a change) overlaid with
    what the payload gives; ``cities`` fill the city fields."""
    data: dict = {}
    if delegation is not None:
        data = {
            "direction": delegation.direction,
            "country": delegation.country_id,
            "starts_on": delegation.starts_on,
            "ends_on": delegation.ends_on,
            "committee": delegation.committee_id or "",
            "head_name": delegation.head_name,
            "members_note": delegation.members_note,
            "published": "on" if delegation.published else "",
            **{
                f"{n}_{c}": getattr(delegation, f"{n}_{c}") or ""
                for n in ("title", "purpose", "head_title")
                for c in LANGS
            },
            **dict(zip(CITY_FIELDS, [c.locode for c in delegation.cities.all()], strict=False)),
        }
    given = {k: v for k, v in payload.items() if v is not None}
    if "cities" in given:
        for name in CITY_FIELDS:
            data.pop(name, None)
        data.update(zip(CITY_FIELDS, given.pop("cities"), strict=False))
    if "committee" in given:
        from scotemp.committees.models import Committee

        slug = given.pop("committee")
        committee = Committee.objects.filter(slug=slug).first() if slug else None
        data["committee"] = committee.pk if committee else ("" if not slug else "-1")
    if "published" in given:
        data["published"] = "on" if given.pop("published") else ""
    data.update(form_data(given))
    return data


@router.get(
    "",
    response={200: Page[DelegationOut], **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Delegations",
)
def list_delegations(
    request,
    params: Query[PageParams],
    when: Literal["upcoming", "past"] = "upcoming",
    direction: DirectionCode | None = None,  # type: ignore[valid-type]
    country: str = Query("", max_length=2, description="ISO alpha-2"),
    committee: str = Query("", max_length=50, description="Committee slug"),
):
    qs = queries.delegation_list(
        request.user, when=when, direction=direction or "", country=country, committee=committee
    ).prefetch_related("cities")
    return paginate(request, qs, params, transform=lambda rows: [delegation_out(request, d) for d in rows])


@router.post("", response={201: DelegationDetailOut, **ERRORS}, summary="Create a delegation (organizer)")
def create_delegation(request, payload: DelegationIn):
    if not queries.can_create(request.user):
        raise Http404
    form = DelegationForm(_delegation_data(payload.model_dump()), user=request.user)
    if not form.is_valid():
        return invalid(form)
    delegation, error = run(delegation_actions.create_delegation, request.user, form.cleaned_data)
    return error or Status(201, _fresh(request, delegation))


@router.get(
    "/report",
    response={200: DelegationTotalsOut, **ERRORS},
    summary="Delegations by year, direction and country; outcomes by kind (operator)",
)
def report(request, year: int | None = Query(None, ge=2000, le=2100)):
    if not is_operator(request.user):
        raise Http404
    totals = queries.totals(year)
    return {
        "delegations": [
            {
                **{k: r[k] for k in ("year", "direction", "count")},
                "country": r["country_id"],
                "country_name": r["country_name"],
            }
            for r in totals["delegations"]
        ],
        "outcomes": [{k: r[k] for k in ("year", "kind", "count")} for r in totals["outcomes"]],
    }


@router.get(
    "/{public_id}",
    response={200: DelegationDetailOut, **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="One delegation with its programme, members and outcomes",
)
def get_delegation(request, public_id: UUID):
    return _detail(request, queries.delegation_for_viewer(request.user, public_id))


@router.patch(
    "/{public_id}", response={200: DelegationDetailOut, **ERRORS}, summary="Change a delegation (organizer)"
)
def patch_delegation(request, public_id: UUID, payload: DelegationIn):
    delegation = queries.organized_delegation(request.user, public_id)
    form = DelegationForm(_delegation_data(payload.model_dump(), delegation), user=request.user)
    if not form.is_valid():
        return invalid(form)
    result, error = run(delegation_actions.update_delegation, request.user, delegation, form.cleaned_data)
    return error or _fresh(request, result)


@router.post(
    "/{public_id}/status",
    response={200: DelegationDetailOut, **ERRORS},
    summary="Change the status (organizer)",
)
def change_status(request, public_id: UUID, payload: DelegationStatusIn):
    delegation = queries.organized_delegation(request.user, public_id)
    result, error = run(
        delegation_actions.change_status, request.user, delegation, payload.status, payload.reason
    )
    return error or _fresh(request, result)


@router.post(
    "/{public_id}/members",
    response={201: DelegationMemberOut, **ERRORS},
    summary="Add a member organization (organizer)",
)
def add_member(request, public_id: UUID, payload: DelegationMemberIn):
    delegation = queries.organized_delegation(request.user, public_id)
    form = MemberForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    data = form.cleaned_data
    member, error = run(
        member_actions.add_member,
        request.user,
        delegation,
        data["organization"],
        data["role"],
        data["participants"],
    )
    return error or Status(201, _member_out(member))


def _member_out(m) -> dict:
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


def _organized_member(request, public_id, member_id):
    delegation = queries.organized_delegation(request.user, public_id)
    member = delegation.members.select_related("organization").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


@router.post(
    "/{public_id}/members/{member_id}/accept",
    response={200: DelegationMemberOut, **ERRORS},
    summary="Accept a request to join (organizer)",
)
def accept_member(request, public_id: UUID, member_id: int):
    member = _organized_member(request, public_id, member_id)
    result, error = run(member_actions.accept_member, request.user, member)
    return error or _member_out(result)


@router.delete(
    "/{public_id}/members/{member_id}", response={204: None, **ERRORS}, summary="Remove a member (organizer)"
)
def remove_member(request, public_id: UUID, member_id: int):
    member = _organized_member(request, public_id, member_id)
    _result, error = run(member_actions.remove_member, request.user, member)
    return error or Status(204, None)


@router.post(
    "/{public_id}/join",
    response={200: DelegationMemberOut, 201: DelegationMemberOut, **ERRORS},
    summary="Ask to join a published planned delegation (an organization's owner or administrator)",
)
def join(request, public_id: UUID, payload: DelegationJoinIn):
    delegation = queries.delegation_for_viewer(request.user, public_id)
    admin_ids = member_org_ids(request.user, ADMIN)
    if payload.organization is not None:
        organization = Organization.objects.filter(public_id=payload.organization, pk__in=admin_ids).first()
    else:
        active = acting_organization_id(request.user)
        chosen = active if active in admin_ids else (next(iter(admin_ids)) if len(admin_ids) == 1 else None)
        organization = Organization.objects.filter(pk=chosen).first() if chosen else None
    if organization is None:
        message = _("Organization: choose an organization of which you are the owner or an administrator.")
        return Status(422, {"detail": message, "errors": {"organization": [message]}})
    result, error = run(
        member_actions.request_to_join,
        request.user,
        delegation,
        organization,
        role=payload.role,
        participants=payload.participants,
        note=payload.note,
    )
    if error:
        return error
    member, created = result
    return Status(201 if created else 200, _member_out(member))


def _save_item(request, delegation, payload, item=None):
    data = form_data({k: v for k, v in payload.model_dump().items() if v is not None})
    form = ProgrammeItemForm(data, delegation=delegation)
    if not form.is_valid():
        return None, invalid(form)
    return run(programme_actions.save_programme_item, request.user, delegation, form.cleaned_data, item)


@router.post(
    "/{public_id}/programme",
    response={201: DelegationDetailOut, **ERRORS},
    summary="Add a programme item (organizer)",
)
def add_item(request, public_id: UUID, payload: DelegationProgrammeItemIn):
    delegation = queries.organized_delegation(request.user, public_id)
    _item, error = _save_item(request, delegation, payload)
    return error or Status(201, _fresh(request, delegation))


def _organized_item(request, public_id, item_id):
    delegation = queries.organized_delegation(request.user, public_id)
    item = delegation.programme.filter(pk=item_id).first()
    if item is None:
        raise Http404
    return delegation, item


@router.put(
    "/{public_id}/programme/{item_id}",
    response={200: DelegationDetailOut, **ERRORS},
    summary="Replace a programme item (organizer)",
)
def put_item(request, public_id: UUID, item_id: int, payload: DelegationProgrammeItemIn):
    delegation, item = _organized_item(request, public_id, item_id)
    _item, error = _save_item(request, delegation, payload, item)
    return error or _fresh(request, delegation)


@router.delete(
    "/{public_id}/programme/{item_id}",
    response={204: None, **ERRORS},
    summary="Remove a programme item (organizer)",
)
def delete_item(request, public_id: UUID, item_id: int):
    _delegation, item = _organized_item(request, public_id, item_id)
    _result, error = run(programme_actions.delete_programme_item, request.user, item)
    return error or Status(204, None)


@router.post(
    "/{public_id}/outcomes",
    response={201: DelegationDetailOut, **ERRORS},
    summary="Record an outcome (organizer)",
)
def add_outcome(request, public_id: UUID, payload: DelegationOutcomeIn):
    delegation = queries.organized_delegation(request.user, public_id)
    data = payload.model_dump()
    data["rfq"] = str(data["rfq"]) if data["rfq"] else ""
    data["deal"] = str(data["deal"]) if data["deal"] else ""
    data["project"] = str(data["project"]) if data["project"] else ""
    data["organizations"] = [str(u) for u in data["organizations"]]
    form = OutcomeForm(data, delegation=delegation)
    if not form.is_valid():
        return invalid(form)
    _outcome, error = run(programme_actions.record_outcome, request.user, delegation, form.cleaned_data)
    return error or Status(201, _fresh(request, delegation))
