"""API for organization profiles under /api/v1/organizations: read a profile (public fields for
everyone, contacts for signed-in users, completeness for members), change it (owners and
administrators, through the same action as the page), ask for a handover, and the operator's queue.

Errors follow :mod:`scotemp.core.api.errors`; a PATCH with invalid values gets 422 with the
messages per field (``certifications.<n>.<field>`` for a certification), a registration identifier
already taken in the country 409."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from scotemp.accounts import queries as accounts_queries
from scotemp.accounts.choices import OrganizationType, RegistryType, Role
from scotemp.core.api.auth import public_auth
from scotemp.core.api.errors import ErrorOut, validation_body
from scotemp.core.permissions import is_operator

from . import actions, queries
from .choices import Activity, CertificationScheme, HandoverStatus, StaffRange

router = Router(tags=["organizations"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class HSOut(Schema):
    code: str
    name: str


class CertificationOut(Schema):
    scheme: str
    label: str
    number: str
    issuer: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    is_valid: bool


class ContactsOut(Schema):
    person: str
    email: str
    phone: str


class CompletenessOut(Schema):
    percent: int
    missing: list[str]
    missing_keys: list[str]


class CommitteeOut(Schema):
    slug: str
    name: str


class ProfileOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    trading_names: list[str]
    type: str
    country: str
    country_name: str
    city: str | None
    city_name: str | None
    address: str
    website: str
    registry_type: str
    registry_id: str
    description: str
    description_language: str | None
    description_is_fallback: bool
    descriptions: dict[str, str]
    year_founded: int | None
    staff_range: str
    activities: list[str]
    exports: list[HSOut]
    imports: list[HSOut]
    certifications: list[CertificationOut]
    committees: list[CommitteeOut]
    verification_status: str
    verified_at: datetime.datetime | None
    verified_until: datetime.date | None
    contacts: ContactsOut | None = None  # signed-in users only
    completeness: CompletenessOut | None = None  # members and operators only


class CertificationIn(Schema):
    scheme: CertificationScheme
    number: str = ""
    issuer: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class ProfilePatch(Schema):
    name: str | None = None
    name_latin: str | None = None
    trading_names: list[str] | None = None
    type: OrganizationType | None = None
    country: str | None = None  # ISO 3166 alpha-2
    city: str | None = None  # UN/LOCODE of a city in the country
    address: str | None = None
    website: str | None = None
    registry_type: RegistryType | None = None
    registry_id: str | None = None
    description_en: str | None = None
    description_ru: str | None = None
    description_zh_hans: str | None = None
    contact_person: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    year_founded: int | None = None
    staff_range: StaffRange | None = None
    activities: list[Activity] | None = None
    exports: list[str] | None = None  # 4-digit HS headings
    imports: list[str] | None = None
    certifications: list[CertificationIn] | None = None  # replaces the list


class HandoverIn(Schema):
    message: str


class HandoverOut(Schema):
    public_id: UUID
    organization: UUID
    organization_name: str
    requested_by: str
    message: str
    status: str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str


class HandoverDecisionIn(Schema):
    approve: bool
    note: str = ""


def _profile_out(request, organization) -> ProfileOut:
    user = request.user
    shown = queries.profile_for_display(organization, user)
    is_member = is_operator(user) or accounts_queries.role_in(user, organization) is not None
    return ProfileOut(
        public_id=organization.public_id,
        name=shown.name,
        name_latin=shown.name_latin,
        trading_names=shown.trading_names,
        type=organization.type,
        country=organization.country_id,
        country_name=organization.country.name,
        city=organization.city_id,
        city_name=organization.city.name if organization.city else None,
        address=shown.address,
        website=shown.website,
        registry_type=organization.registry_type,
        registry_id=organization.registry_id,
        description=shown.description,
        description_language=shown.description_language,
        description_is_fallback=shown.is_fallback,
        descriptions={
            code: text
            for code in ("zh-hans", "ru", "en")
            if (text := getattr(organization, queries.description_field(code)) or "")
        },
        year_founded=shown.year_founded,
        staff_range=shown.staff_range_code,
        activities=shown.activity_codes,
        exports=[HSOut(code=i.code, name=i.name) for i in shown.exports],
        imports=[HSOut(code=i.code, name=i.name) for i in shown.imports],
        certifications=[CertificationOut(**vars(c)) for c in shown.certifications],
        committees=[CommitteeOut(slug=c.slug, name=c.name) for c in shown.committees],
        verification_status=shown.verification_status,
        verified_at=shown.verified_at,
        verified_until=shown.verified_until,
        contacts=ContactsOut(**vars(shown.contacts)) if shown.contacts is not None else None,
        completeness=CompletenessOut(**vars(queries.profile_completeness(organization)))
        if is_member
        else None,
    )


def _handover_out(item) -> HandoverOut:
    return HandoverOut(
        public_id=item.public_id,
        organization=item.organization.public_id,
        organization_name=item.organization.name,
        requested_by=item.requested_by.email,
        message=item.message,
        status=item.status,
        created_at=item.created_at,
        decided_at=item.decided_at,
        decision_note=item.decision_note,
    )


# Static paths first: "/handover-requests" must not be read as a public id.
@router.get(
    "/handover-requests",
    response={200: list[HandoverOut], **ERRORS},
    summary="Handover requests (operators)",
)
def handover_queue(request, status: HandoverStatus = HandoverStatus.PENDING):
    if not is_operator(request.user):
        raise Http404
    return [_handover_out(item) for item in queries.handover_queue(status).select_related("requested_by")]


@router.post(
    "/handover-requests/{request_id}/decision",
    response={200: HandoverOut, **ERRORS},
    summary="Approve or reject a handover request (operators)",
)
def handover_decide(request, request_id: UUID, payload: HandoverDecisionIn):
    if not is_operator(request.user):
        raise Http404
    return _handover_out(actions.decide_handover(request.user, request_id, payload.approve, payload.note))


@router.get(
    "/{public_id}",
    response={200: ProfileOut, **ERRORS},
    summary="An organization's profile",
    auth=public_auth(),
)
def profile(request, public_id: UUID):
    return _profile_out(request, queries.organization_for_display(public_id))


@router.patch(
    "/{public_id}", response={200: ProfileOut, **ERRORS}, summary="Change an organization's profile"
)
def update_profile(request, public_id: UUID, payload: ProfilePatch):
    organization = accounts_queries.private_organization(request.user, public_id)  # 404 for non-members
    if not is_operator(request.user) and accounts_queries.role_in(request.user, organization) == Role.MEMBER:
        raise PermissionDenied(_("Only owners and administrators edit the organization."))
    changes = payload.dict(exclude_unset=True)
    for key in ("name", "type", "country"):
        if key in changes and changes[key] is None:
            raise ValidationError({key: [_("This field cannot be empty.")]})
    if "certifications" in changes:
        changes["certifications"] = [dict(c) for c in changes["certifications"] or []]
    try:
        actions.update_profile(request.user, public_id, **changes)
    except actions.DuplicateRegistryId:
        raise  # 409: see request_handover
    except ValidationError as exc:
        return Status(422, validation_body(exc))
    return _profile_out(request, queries.organization_for_display(public_id))


@router.post(
    "/{public_id}/handover-requests",
    response={201: HandoverOut, **ERRORS},
    summary="Ask the operator to hand this profile over to me",
)
def request_handover(request, public_id: UUID, payload: HandoverIn):
    item = actions.request_handover(request.user, public_id, payload.message)
    item = type(item).objects.select_related("organization", "requested_by").get(pk=item.pk)
    return Status(201, _handover_out(item))
